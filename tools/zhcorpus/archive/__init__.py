"""An archive of many pages: the same records, checks and detectors as the corpus, streamed shard by shard.

The corpus is one page kept by hand in ``corpus/``; an archive is what a newspaper's collection looks like at
scale: raw pages and article records in Parquet shards (``archive.json`` describes them), built, validated and
benchmarked with bounded memory on one core, several processes, or a Dask cluster.
"""
