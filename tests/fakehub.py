"""A local stand-in for the few Hugging Face Hub endpoints that `zhcorpus publish` makes huggingface_hub 2.4.0 call.

Found by reading the installed client (hf_api.py, _commit_api.py), not from a specification: it answers what that
client sends for this flow and keeps an in-memory repository (commits with their files, branches, tags), so a test
can look at what was pushed. Every file is answered "regular" at preupload, so file contents travel base64 in the
commit's NDJSON body and no LFS/Xet transfer is involved (the real Hub sends Parquet through LFS/Xet).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from huggingface_hub.utils.sha import git_hash

GITATTRIBUTES = b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"
REPO = r"/api/datasets/(?P<repo>[^/]+/[^/]+)"


@dataclass
class Commit:
    sha: str
    parent: str | None
    message: str
    files: dict[str, bytes]  # the whole tree after the commit


@dataclass
class Repo:
    commits: dict[str, Commit] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)

    def resolve(self, revision: str) -> Commit | None:
        sha = self.branches.get(revision) or self.tags.get(revision) or revision
        return self.commits.get(sha)

    def add_commit(self, parent: str | None, message: str, files: dict[str, bytes]) -> Commit:
        sha = hashlib.sha1(f"{parent}\n{message}\n{sorted(files.items())}".encode(), usedforsecurity=False).hexdigest()
        commit = Commit(sha, parent, message, files)
        self.commits[sha] = commit
        self.branches["main"] = sha
        return commit


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    authorization: str | None
    body: bytes


@dataclass
class FakeHub:
    token: str
    url: str = ""
    repos: dict[str, Repo] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    # What the client sent: the decoded NDJSON of each commit, the YAML it asked to validate.
    commit_payloads: list[list[dict[str, Any]]] = field(default_factory=list)
    validated_yaml: list[str] = field(default_factory=list)
    yaml_errors: list[str] = field(default_factory=list)  # what validate-yaml answers, to play a refused card
    # Called when a commit arrives, before it is checked, and after it is stored: someone else pushing to main.
    before_commit: Callable[[Repo], object] | None = None
    after_commit: Callable[[Repo], object] | None = None

    def create(self, repo_id: str) -> Repo:
        """A new repository as the Hub makes it: one initial commit holding .gitattributes."""
        repo = Repo()
        repo.add_commit(None, "initial commit", {".gitattributes": GITATTRIBUTES})
        self.repos[repo_id] = repo
        return repo

    def handle(self, method: str, target: str, authorization: str | None, body: bytes) -> tuple[int, Any]:
        self.requests.append(Request(method, target, authorization, body))
        if authorization != f"Bearer {self.token}":
            return 401, {"error": "Invalid credentials in Authorization header"}
        split = urlsplit(target)
        path, query = unquote(split.path), parse_qs(split.query)
        if method == "POST" and path == "/api/repos/create":
            return self._create_repo(json.loads(body))
        if method == "POST" and path == "/api/validate-yaml":
            self.validated_yaml.append(json.loads(body)["content"])
            if self.yaml_errors:
                return 400, {"errors": [{"message": m} for m in self.yaml_errors], "warnings": []}
            return 200, {"errors": [], "warnings": []}
        routes = (
            ("GET", REPO + r"/refs", self._refs),
            ("GET", REPO + r"/tree/(?P<rev>[^/]+)", self._tree),
            ("POST", REPO + r"/preupload/(?P<rev>[^/]+)", self._preupload),
            ("POST", REPO + r"/commit/(?P<rev>[^/]+)", self._commit),
            ("POST", REPO + r"/tag/(?P<rev>[^/]+)", self._tag),
        )
        for verb, pattern, answer in routes:
            match = re.fullmatch(pattern, path)
            if verb == method and match:
                repo = self.repos.get(match["repo"])
                if repo is None:
                    return 404, {"error": "Repository not found"}
                return answer(repo, match.groupdict().get("rev", ""), query, body)
        return 404, {"error": f"fake hub: no endpoint {method} {path}"}

    def _create_repo(self, payload: dict[str, Any]) -> tuple[int, Any]:
        repo_id = f"{payload['organization']}/{payload['name']}"
        if payload.get("type") != "dataset":
            return 400, {"error": "fake hub: only dataset repositories"}
        if repo_id in self.repos:
            return 409, {"error": "You already created this dataset repo", "url": f"{self.url}/datasets/{repo_id}"}
        self.create(repo_id)
        return 200, {"url": f"{self.url}/datasets/{repo_id}"}

    def _refs(self, repo: Repo, _rev: str, _query: Any, _body: bytes) -> tuple[int, Any]:
        def refs(kind: str, names: dict[str, str]) -> list[dict[str, str]]:
            return [{"name": n, "ref": f"refs/{kind}/{n}", "targetCommit": sha} for n, sha in names.items()]

        return 200, {"branches": refs("heads", repo.branches), "converts": [], "tags": refs("tags", repo.tags)}

    def _tree(self, repo: Repo, rev: str, query: dict[str, list[str]], _body: bytes) -> tuple[int, Any]:
        commit = repo.resolve(rev)
        if commit is None:
            return 404, {"error": f"Invalid rev id: {rev}"}
        recursive = query.get("recursive", ["false"])[0].lower() in ("true", "1")
        entries: list[dict[str, Any]] = []
        folders: set[str] = set()
        for path, data in sorted(commit.files.items()):
            parts = path.split("/")
            if len(parts) > 1 and not recursive:
                folders.add(parts[0])
                continue
            folders.update("/".join(parts[:i]) for i in range(1, len(parts)))
            entries.append({"type": "file", "oid": git_hash(data), "size": len(data), "path": path})
        entries += [{"type": "directory", "oid": "0" * 40, "size": 0, "path": f} for f in sorted(folders)]
        return 200, entries

    def _preupload(self, repo: Repo, rev: str, _query: Any, body: bytes) -> tuple[int, Any]:
        commit = repo.resolve(rev)
        files = commit.files if commit else {}
        answer = []
        for item in json.loads(body)["files"]:
            entry: dict[str, Any] = {"path": item["path"], "uploadMode": "regular", "shouldIgnore": False}
            if item["path"] in files:  # the Hub tells the client what it holds, so unchanged files are skipped
                entry["oid"] = git_hash(files[item["path"]])
            answer.append(entry)
        return 200, {"files": answer}

    def _commit(self, repo: Repo, rev: str, _query: Any, body: bytes) -> tuple[int, Any]:
        repo_id = next(name for name, r in self.repos.items() if r is repo)
        lines = [json.loads(line) for line in body.decode().splitlines() if line]
        self.commit_payloads.append(lines)
        header = lines[0]["value"]
        if self.before_commit is not None:
            self.before_commit(repo)
        head = repo.branches.get(rev)
        if head is None:
            return 404, {"error": f"Invalid rev id: {rev}"}
        if header.get("parentCommit", head) != head:
            return 412, {"error": "A commit has happened since. Please refresh and try again."}
        files = dict(repo.commits[head].files)
        for line in lines[1:]:
            value = line["value"]
            if line["key"] == "file":
                files[value["path"]] = base64.b64decode(value["content"])
            elif line["key"] == "deletedFile":
                del files[value["path"]]
            else:
                return 400, {"error": f"fake hub: unsupported operation {line['key']}"}
        commit = repo.add_commit(head, header["summary"], files)
        if self.after_commit is not None:
            self.after_commit(repo)
        # The client parses commitUrl into a repository URL: it must have the Hub's shape, .../datasets/ID/commit/SHA.
        url = f"{self.url}/datasets/{repo_id}/commit/{commit.sha}"
        return 200, {"commitUrl": url, "commitOid": commit.sha, "pullRequestUrl": None}

    def _tag(self, repo: Repo, rev: str, _query: Any, body: bytes) -> tuple[int, Any]:
        tag = json.loads(body)["tag"]
        commit = repo.resolve(rev)
        if commit is None:
            return 404, {"error": f"Invalid rev id: {rev}"}
        if tag in repo.tags:
            return 409, {"error": "Tag already exists"}
        repo.tags[tag] = commit.sha
        return 200, {}


def _handler(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            status, value = hub.handle(self.command, self.path, self.headers.get("Authorization"), body)
            data = json.dumps(value).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the test reads hub.requests; stderr stays the command's own

    return Handler


@contextmanager
def serve(token: str) -> Iterator[FakeHub]:
    """A FakeHub listening on 127.0.0.1 (a free port) in a thread for the duration of the block."""
    hub = FakeHub(token)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hub))
    hub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield hub
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
