"""Sources -> released records -> deterministic Parquet/JSONL files, card header and manifest, written atomically."""
