"""`zhcorpus publish`: the dataset folder as one commit on the Hugging Face Hub, tagged with its version.

The plan is the release and nothing else (dataset/fileset.py: the manifest's files, the manifest, and what a release
adds beside them), each read without following a link and held to the manifest's sha256; the bytes read are the
bytes sent. A symlink, a stray, temporary or Python file in the folder refuses the publish. The repository id is
checked first, then the pre-publish check loads each config the way a user will (`datasets.load_dataset`) and
holds it to the declared features, the manifest's row counts and checksums. A version is immutable: a tag that
exists with other content is refused, never moved.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import datasets
import httpx2  # huggingface_hub 2.4.0's HTTP client: a refused connection or a bad URL is its TransportError
from datasets.info import DatasetInfosDict
from huggingface_hub import CommitOperationAdd, CommitOperationDelete, DatasetCardData, HfApi, RepoFile, get_token
from huggingface_hub.errors import HfHubHTTPError, HFValidationError
from huggingface_hub.utils._validators import validate_repo_id  # huggingface_hub.utils does not re-export it for mypy
from huggingface_hub.utils.sha import git_hash

from zhcorpus.checkids import (
    MANIFEST_CHECKSUMS,
    PUBLISH_CARD,
    PUBLISH_FEATURES,
    PUBLISH_HUB,
    PUBLISH_LOADS,
    PUBLISH_RELEASED,
    PUBLISH_REPO_ID,
    PUBLISH_ROWS,
    PUBLISH_TAG,
    PUBLISH_TOKEN,
)
from zhcorpus.checks.base import Context
from zhcorpus.checks.files import folder_files
from zhcorpus.checks.freshness import build_is_fresh
from zhcorpus.checks.manifest import checksums_match
from zhcorpus.dataset.card import split_card
from zhcorpus.dataset.fileset import read_in_folder, release_files
from zhcorpus.dataset.history import dated_release, load_releases
from zhcorpus.dataset.manifest import Manifest, read_manifest
from zhcorpus.errors import Location, Problem, ZhcorpusError, raise_all
from zhcorpus.schemas import config_features
from zhcorpus.sources import CONFIGS, CorpusPaths, read_settings

# The Hub writes .gitattributes into every new repository (which files go to LFS/Xet): it is the Hub's, not ours,
# so it is neither deleted nor compared.
HUB_FILES = frozenset({".gitattributes"})
REPO_TYPE = "dataset"
BRANCH = "main"


@dataclass(frozen=True)
class PlanEntry:
    path: str  # inside the dataset folder, POSIX, as in the repository
    sha256: str
    size: int
    data: bytes = field(repr=False, compare=False)  # what was read and checked: exactly what is sent


@dataclass(frozen=True)
class PublishResult:
    repo_id: str
    tag: str
    plan: list[PlanEntry]
    commit: str | None  # the tagged commit; None on a dry run
    pushed: bool  # False when the tag already held exactly this content (or on a dry run)


def commit_plan(paths: CorpusPaths) -> list[PlanEntry]:
    """Exactly the files a release uploads, sorted, with their bytes; refuses anything in the folder that is not the
    release, a file whose bytes are not the manifest's, or built files older than the sources."""
    files = release_files(paths)
    raise_all(files.problems)
    raise_all(list(build_is_fresh(Context(paths))))
    plan = []
    problems = []
    for file in files.files:
        data = read_in_folder(paths, file.path)
        sha256 = hashlib.sha256(data).hexdigest()
        if file.sha256 is not None and sha256 != file.sha256:
            problems.append(
                Problem(
                    MANIFEST_CHECKSUMS,
                    Location(paths.shown(paths.root / file.path)),
                    f"{file.path}: sha256 differs from the manifest",
                    "run `zhcorpus build` (sources changed since the last build)",
                )
            )
        plan.append(PlanEntry(file.path, sha256, len(data), data))
    raise_all(problems)
    return plan


def _manifest(paths: CorpusPaths) -> Manifest:
    try:
        return read_manifest(paths.manifest, paths.shown(paths.manifest))
    except ZhcorpusError as exc:
        raise ZhcorpusError(
            MANIFEST_CHECKSUMS, exc.location, f"cannot read the manifest: {exc.message}", "run `zhcorpus build`"
        ) from exc


def _declared_features(paths: CorpusPaths) -> DatasetInfosDict:
    shown = paths.shown(paths.card)
    header, _ = split_card(paths.card.read_text(encoding="utf-8"), shown)
    return DatasetInfosDict.from_dataset_card_data(DatasetCardData(**header))


def prepublish_check(paths: CorpusPaths, cache_dir: Path) -> list[Problem]:
    """What a user of the Hub copy would hit: a loading script, a config that does not load, features other than
    the declared ones, row counts or checksums other than the manifest's. Empty when the folder is fit to publish."""
    problems = list(folder_files(Context(paths))) + list(checksums_match(Context(paths)))
    manifest = _manifest(paths)
    rows = {f.path: f.rows for f in manifest.files}
    declared = _declared_features(paths)
    if not sys.stderr.isatty():
        datasets.disable_progress_bars()  # progress is for a person at a terminal, not for CI logs
    for config in CONFIGS:
        parquet = paths.parquet(config)
        where = Location(paths.shown(parquet), record=config)
        try:
            # A fresh cache and force_redownload: datasets keys its cache on the unresolved data_files patterns, so
            # a reused cache would show the previous Parquet's rows (datasets#2956).
            loaded = datasets.load_dataset(
                str(paths.root),
                config,
                split="train",
                cache_dir=str(cache_dir / config),
                download_mode="force_redownload",
            )
        except Exception as exc:  # any failure here is what a user would see: report it, with its type
            problems.append(
                Problem(
                    PUBLISH_LOADS,
                    where,
                    f"config {config!r} does not load: {type(exc).__name__}: {exc}",
                    "run `zhcorpus build` and `zhcorpus validate`",
                )
            )
            continue
        expected = config_features(config)
        if loaded.features != expected:
            problems.append(
                Problem(
                    PUBLISH_FEATURES,
                    where,
                    f"config {config!r} loads with features other than the schema's",
                    "run `zhcorpus build`",
                )
            )
        if config not in declared or declared[config].features != expected:
            problems.append(
                Problem(
                    PUBLISH_FEATURES,
                    Location(paths.shown(paths.card), field="dataset_info", record=config),
                    f"the card's dataset_info for {config!r} does not declare the schema's features",
                    "run `zhcorpus build`",
                )
            )
        recorded = rows.get(paths.rel(parquet))
        if loaded.num_rows != recorded:
            problems.append(
                Problem(
                    PUBLISH_ROWS,
                    where,
                    f"config {config!r} loads {loaded.num_rows} rows; the manifest records {recorded}",
                    "run `zhcorpus build`",
                )
            )
    return problems


def resolve_token(token: str | None) -> str:
    """The token given, else HF_TOKEN, else the saved `hf auth login` (get_token reads both, in that order)."""
    found = token or get_token()
    if not found:
        raise ZhcorpusError(
            PUBLISH_TOKEN,
            Location("HF_TOKEN"),
            "no Hugging Face token: neither HF_TOKEN is set nor a login saved",
            "run `hf auth login` (a token with write access), or set HF_TOKEN",
        )
    return found


def _remote_files(api: HfApi, repo_id: str, revision: str) -> dict[str, RepoFile]:
    tree = api.list_repo_tree(repo_id, recursive=True, revision=revision, repo_type=REPO_TYPE)
    return {f.path: f for f in tree if isinstance(f, RepoFile) and f.path not in HUB_FILES}


def _differences(plan: list[PlanEntry], remote: dict[str, RepoFile]) -> list[str]:
    """Paths whose content differs between the plan and a remote revision (missing on either side counts)."""
    local = {e.path: e for e in plan}
    differ = sorted(set(local) ^ set(remote))
    for path in sorted(set(local) & set(remote)):
        theirs = remote[path]
        # LFS/Xet files report the sha256 of their content; regular files only their git blob id.
        if theirs.lfs is not None:
            same = theirs.lfs.sha256 == local[path].sha256
        else:
            same = theirs.blob_id == git_hash(local[path].data)
        if not same:
            differ.append(path)
    return sorted(differ)


def _push(api: HfApi, paths: CorpusPaths, repo_id: str, tag: str, plan: list[PlanEntry]) -> tuple[str, bool]:
    """The release as one commit on main with the current head as its parent, then the tag on that commit."""
    api.create_repo(repo_id, repo_type=REPO_TYPE, exist_ok=True)
    refs = api.list_repo_refs(repo_id, repo_type=REPO_TYPE)
    tags = {t.name: t.target_commit for t in refs.tags}
    if tag in tags:
        differ = _differences(plan, _remote_files(api, repo_id, tag))
        if differ:
            shown = ", ".join(differ[:5]) + (f" and {len(differ) - 5} more" if len(differ) > 5 else "")
            raise ZhcorpusError(
                PUBLISH_TAG,
                Location(paths.shown(paths.manifest), field="version"),
                f"{tag} already exists on {repo_id} with other content ({shown}); a released version never changes",
                "release a new version (`zhcorpus release --bump patch`) and publish that",
            )
        return tags[tag], False
    parent = next((b.target_commit for b in refs.branches if b.name == BRANCH), None)
    if parent is None:  # the Hub starts every repository with a commit on main; without one there is no parent
        raise ZhcorpusError(
            PUBLISH_HUB,
            Location(f"{api.endpoint}/datasets/{repo_id}"),
            f"the repository has no {BRANCH} branch to commit on",
            f"create {BRANCH} on the Hub (or use a new repository id) and publish again",
        )
    remote = _remote_files(api, repo_id, parent)
    if _differences(plan, remote):
        operations: list[CommitOperationAdd | CommitOperationDelete] = [
            CommitOperationAdd(e.path, e.data) for e in plan
        ]
        planned = {e.path for e in plan}
        operations += [CommitOperationDelete(path) for path in sorted(remote) if path not in planned]
        try:
            # parent_commit: if main moved since we read it, the Hub refuses the commit instead of mixing releases.
            info = api.create_commit(
                repo_id,
                operations,
                commit_message=f"Release {tag}",
                repo_type=REPO_TYPE,
                revision=BRANCH,
                parent_commit=parent,
            )
        except ValueError as exc:
            # The client asks the Hub to validate the card's YAML first and turns its refusal into a ValueError.
            if not str(exc).startswith("Invalid metadata in README.md"):
                raise
            raise ZhcorpusError(
                PUBLISH_CARD,
                Location(paths.shown(paths.card), 1),
                f"the Hub refuses the card's YAML header: {exc}",
                "fix the keys it names (a person's keys are kept by `zhcorpus build`), rebuild and publish again",
            ) from exc
        commit = info.oid
    else:
        commit = parent  # main already holds exactly this release (an earlier run stopped before tagging)
    api.create_tag(repo_id, tag=tag, tag_message=f"Release {tag}", revision=commit, repo_type=REPO_TYPE)
    return commit, True


def check_target(repo_id: str, endpoint: str | None) -> None:
    """The repository id by huggingface_hub's own rule and the endpoint's form: checked before anything slow."""
    try:
        validate_repo_id(repo_id)
    except HFValidationError as exc:
        raise ZhcorpusError(
            PUBLISH_REPO_ID,
            Location("--repo-id"),
            # The validator's reason, without the id it repeats and its advice about `repo_type` (not ours to pass).
            f"{repo_id!r} is not a Hub repository id: {str(exc).split(':')[0]}",
            "name the dataset repository as OWNER/NAME (letters, digits, -, _ and .; no -- or ..)",
        ) from exc
    if endpoint is not None:
        parts = urlsplit(endpoint)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ZhcorpusError(
                PUBLISH_HUB,
                Location("--endpoint"),
                f"{endpoint!r} is not an http(s) URL",
                "give the Hub's URL, e.g. https://huggingface.co, or leave --endpoint out",
            )


def check_released(paths: CorpusPaths) -> None:
    """Only a release goes to the Hub: a version `zhcorpus release` has dated (and tagged, recorded and written
    into the changelog), so that the Hub's copy says when it was published (Croissant's datePublished)."""
    settings = read_settings(paths)
    releases, _ = load_releases(paths)
    if dated_release(releases, settings.version, settings.published) is None:
        raise ZhcorpusError(
            PUBLISH_RELEASED,
            Location(paths.shown(paths.settings), field="published"),
            f"version {settings.version} is not released (no release record of it gave it its date)",
            "run `zhcorpus release` (it dates, tags and records the version), then publish the release",
        )


def publish(
    paths: CorpusPaths, repo_id: str, token: str | None, endpoint: str | None = None, dry_run: bool = False
) -> PublishResult:
    """Check, plan and (unless ``dry_run``) push the release of ``paths`` to the dataset repository ``repo_id``."""
    check_target(repo_id, endpoint)
    check_released(paths)
    secret = None if dry_run else resolve_token(token)  # before the slow check: a missing login fails at once
    plan = commit_plan(paths)
    tag = f"v{_manifest(paths).version}"
    with tempfile.TemporaryDirectory(prefix="zhcorpus-publish-") as cache:
        raise_all(prepublish_check(paths, Path(cache)))
    if secret is None:
        return PublishResult(repo_id, tag, plan, None, False)
    api = HfApi(endpoint=endpoint, token=secret)
    try:
        commit, pushed = _push(api, paths, repo_id, tag, plan)
    except HfHubHTTPError as exc:
        # The client's message names the URL and the Hub's answer, never the Authorization header.
        raise ZhcorpusError(
            PUBLISH_HUB,
            Location(f"{api.endpoint}/datasets/{repo_id}"),
            f"the Hub refused the request: {exc}",
            "check the repository id and that the token may write to it (`hf auth whoami`); if main moved "
            "meanwhile (412), publish again: nothing was committed or tagged",
        ) from exc
    except httpx2.TransportError as exc:
        raise ZhcorpusError(
            PUBLISH_HUB,
            Location(api.endpoint),
            f"cannot reach the Hub at {api.endpoint}: {type(exc).__name__}: {exc}",
            "check the network and --endpoint (or HF_ENDPOINT), then publish again",
        ) from exc
    return PublishResult(repo_id, tag, plan, commit, pushed)
