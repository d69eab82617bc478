"""Ingest beyond one machine, on Dask: partitions of the input parsed in parallel, stored by each worker.

    python -m geo ingest FEED_FOLDER --db postgresql+psycopg://... --dask tcp://scheduler:8786

The files are cut into partitions: a JSON Lines file in blocks of whole lines (about
``block_bytes`` each), any other file whole. ``dask.bag`` maps each partition to a worker,
which parses its articles and writes them through the same bulk path as ``ingest``
(``ingest_sources``: batches of ``Store.add_many``, one transaction each) into the store at
``url``, then returns its summary. A file already ingested by this parser version is skipped
unread (its content hash); a file read without a bad record is recorded by the driver once all
its blocks are stored, so a second run stores nothing new (and an article stored twice is
"unchanged" anyway). Bad records are named ``FILE:LINE: reason`` as ``ingest`` names them.
``scheduler``: a Dask scheduler's address, ``local`` (a ``distributed.LocalCluster`` on this
machine), or one of Dask's own schedulers (``processes``, ``threads``, ``sync``). See
docs/scale.md.
"""

from __future__ import annotations

from pathlib import Path

from geo.errors import InputError
from geo.store.blocks import Block, block_records, line_blocks
from geo.store.ingest import IngestSummary, add_summary, expand, file_hash, ingest_sources
from geo.store.pool import default_workers
from geo.text.readers import STREAMED_SUFFIXES, is_url, read_path

#: A JSON Lines file is cut into blocks of about this many bytes (whole lines).
BLOCK_BYTES = 4 << 20


def blocks(path: str, block_bytes: int = BLOCK_BYTES) -> list[Block]:
    """The file as blocks of whole lines (one block when it is not JSON Lines or is small)."""
    if is_url(path) or Path(path).suffix.lower() not in STREAMED_SUFFIXES or not Path(path).is_file():
        return [Block(str(path))]
    return list(line_blocks(path, block_bytes)) or [Block(str(path))]


def read_block(block: Block):
    """The block's items, as ``read_path`` gives them (Articles, InputErrors naming FILE:LINE)."""
    if block.end is None:
        yield from read_path(block.path)
        return
    from geo.text.readers import records_to_articles

    yield from records_to_articles(block_records(block), Path(block.path))


def _ingest_partition(part: list[Block], url: str, reparse: bool, editor: str) -> list[tuple]:
    """In a Dask worker: parse and store one partition; [(summary, {block: article ids})]."""
    from geo.store import Store

    store = Store(url)
    ids: dict[int, list[str]] = {}
    try:
        summary = ingest_sources(part, store, read=read_block, reparse=reparse, editor=editor, ids=ids)
    finally:
        store.close()
    return [(summary, {part[i]: got for i, got in ids.items()})]


def ingest_dask(
    paths: list[str | Path],
    url: str,
    *,
    scheduler: str = "processes",
    block_bytes: int = BLOCK_BYTES,
    reparse: bool = False,
    editor: str = "",
) -> IngestSummary:
    """Ingest ``paths`` into the store at ``url`` on Dask (see the module's docstring)."""
    try:
        import dask.bag as db
    except ImportError:
        raise InputError("--dask needs Dask: pip install 'dask[bag]' distributed") from None

    from geo.parse.pipeline import parser_version
    from geo.store import Store

    store = Store(url)  # the schema is made (migrated) here, once, before the workers write
    try:
        version = parser_version()
        summary = IngestSummary()
        files = [str(f) for f in expand(paths)]
        hashes = {f: file_hash(f) for f in files}
        known = {} if reparse else store.known_files([h for h in hashes.values() if h], version)
        summary.unchanged += sum(len(known[h]) for h in hashes.values() if h in known)
        parts = {f: blocks(f, block_bytes) for f in files if hashes[f] not in known}
        units = [b for bs in parts.values() for b in bs]
        if units:
            bag = db.from_sequence(units, npartitions=len(units))
            done: dict[Block, list[str]] = {}
            work = bag.map_partitions(_ingest_partition, url, reparse, editor)
            with _client(scheduler) as how:
                for part_summary, ids in work.compute(**how):
                    add_summary(summary, part_summary)
                    done.update(ids)
            clean = {
                hashes[f]: [a for b in bs for a in done[b]]
                for f, bs in parts.items()
                if hashes[f] and all(b in done for b in bs)
            }
            store.add_many([], parser_version=version, files=clean)
    finally:
        store.close()
    return summary


class _client:
    """``compute``'s keywords for ``scheduler``, with a distributed Client open while needed."""

    LOCAL = ("processes", "threads", "sync", "synchronous", "single-threaded")

    def __init__(self, scheduler: str):
        self.scheduler, self.client, self.cluster, self.config = scheduler, None, None, None

    def __enter__(self) -> dict:
        if self.scheduler == "processes":  # forked once the gazetteer is loaded: shared, as in ingest
            import dask

            from geo.gazetteer import default_gazetteer

            default_gazetteer()
            self.config = dask.config.set({"multiprocessing.context": "fork"})
            return {"scheduler": "processes", "num_workers": default_workers()}
        if self.scheduler in self.LOCAL:
            return {"scheduler": self.scheduler}
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError(
                "--dask: a cluster needs the 'distributed' package (pip install distributed)"
            ) from None
        if self.scheduler == "local" or self.scheduler.startswith("local:"):
            count = self.scheduler.partition(":")[2]
            if count and not (count.isdigit() and int(count) > 0):
                raise InputError(f"--dask {self.scheduler}: say local:N, N a number of workers (1 or more)")
            self.cluster = LocalCluster(
                n_workers=int(count) if count else None,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            try:
                self.client = Client(self.cluster)
            except BaseException:
                self.cluster.close()
                raise
        else:
            try:
                self.client = Client(self.scheduler, timeout=30)
            except OSError as exc:
                raise InputError(f"--dask: no Dask scheduler answers at {self.scheduler} ({exc})") from None
        return {"scheduler": self.client}

    def __exit__(self, *exc) -> None:
        if self.config is not None:
            self.config.__exit__(None, None, None)
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
