"""Every versioned problem code (`stage.name@N`) that a check or command reports, spelt once.

The ids are public: CI annotations, `zhcorpus validate --list`, the README and records that name a check all use
them, so a changed meaning gets a new version and an id is never edited. Detector and annotator ids live with
their registrations (`detect/`, `annotate/`); codes without a version (`io.write`, `jsonl.depth`) name a failure of
reading or writing, not a check.
"""

# `zhcorpus validate`'s checks, in the order of checks.base.STAGES.
CORPUS_FILES = "corpus.files@1"
RAW_TEXT = "raw.text@1"
CONTRIB_DECIDED = "contrib.decided@1"
CONTRIB_IDS = "contrib.ids@1"
CONTRIB_RAW = "contrib.raw@1"
SOURCES_ESCAPES = "sources.escapes@1"
SOURCES_FILES = "sources.files@1"
SOURCES_SCHEMA = "sources.schema@1"
SOURCES_SYNTAX = "sources.syntax@1"
LAYOUT_RAW = "layout.raw@1"
IDS_FORMAT = "ids.format@1"
IDS_UNIQUE = "ids.unique@1"
OFFSETS_RANGE = "offsets.range@1"
CORRECTIONS_METHOD = "corrections.method@1"
CORRECTIONS_OVERLAP = "corrections.overlap@1"
CORRECTIONS_REPLACES = "corrections.replaces@1"
CORRECTIONS_REPLAY = "corrections.replay@1"
CORRECTIONS_SCRIPT = "corrections.script@1"
ENTITIES_ALIGN = "entities.align@1"
ENTITIES_LINKS = "entities.links@1"
ENTITIES_OFFSETS = "entities.offsets@1"
ENTITIES_VALUES = "entities.values@1"
MASTHEAD_WEEKDAY = "masthead.weekday@1"
INGEST_LOSSLESS = "ingest.lossless@1"
DATA_PARITY = "data.parity@1"
DATA_SCHEMA = "data.schema@1"
FAULTS_ABSENT = "faults.absent@1"
FAULTS_PRIVATE_USE = "faults.private_use@1"
MANIFEST_CHECKSUMS = "manifest.checksums@1"
CARD_CONFIGS = "card.configs@1"
CARD_LICENSE = "card.license@1"
RELEASES_FROZEN = "releases.frozen@1"
RELEASES_VERSION = "releases.version@1"
BUILD_FRESH = "build.fresh@1"

# `zhcorpus archive build` and `archive validate`.
ARCHIVE_BUILD = "archive.build@1"
ARCHIVE_CHECKSUM = "archive.checksum@1"
ARCHIVE_DATES = "archive.dates@1"
ARCHIVE_IDS = "archive.ids@1"
ARCHIVE_PARAGRAPHS = "archive.paragraphs@1"
ARCHIVE_PARTS = "archive.parts@1"
ARCHIVE_RECORDS = "archive.records@1"
ARCHIVE_SCHEMA = "archive.schema@1"
ARCHIVE_TEXT = "archive.text@1"

# `zhcorpus publish`: what stops a release from reaching the Hub.
PUBLISH_CARD = "publish.card@1"
PUBLISH_FEATURES = "publish.features@1"
PUBLISH_HUB = "publish.hub@1"
PUBLISH_LOADS = "publish.loads@1"
PUBLISH_RELEASED = "publish.released@1"
PUBLISH_REPO_ID = "publish.repo-id@1"
PUBLISH_ROWS = "publish.rows@1"
PUBLISH_TAG = "publish.tag@1"
PUBLISH_TOKEN = "publish.token@1"  # noqa: S105 - a problem code, not a secret
