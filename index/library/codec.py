"""Whoosh's W3 index format, written smaller; Whoosh's own W3 reader reads it.

Whoosh's W3 writer pickles every postings block, and every stored-fields
record, with pickle protocol 2. Under Python 3 protocol 2 writes each bytes
value as a call to `_codecs.encode(str, 'latin1')`: a position list of a few
bytes costs ~20 bytes of pickle, and bytes over 0x7f take two. Its weights
are float32s pickled as 9-byte doubles even when, as for every text field
here, they are whole term counts.

This writer changes only how those values are pickled: protocol 3 (bytes
written as bytes) without memo or header (see `dumps`), and whole-number
weights as ints. Readers unpickle whatever they meet, so the files keep
Whoosh's layout, stock W3 readers read them, and a library holding segments
of both kinds (an older library that keeps growing) reads as one. Each new
segment still names the stock `W3Codec` in the table of contents, so nothing
on disk depends on this module.

Measured on the same 5,000 BBC-derived articles in one segment
(tests/bench/index_write.py, tests/bench/index_size.py): postings 25.2 ->
8.7 MB with `index.positions`, stored fields 11.0
-> 9.1 MB with the packed analysis (`stored`), the index 41.5 -> 23.1 MB;
writing time the same (0.97x, medians of 3).
"""

from __future__ import annotations

import io
import pickle
import zlib

from whoosh.codec.whoosh3 import (
    COMPRESSION_MIN_SIZE,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3PerDocWriter,
    W3PostingsWriter,
    W3Segment,
)
from whoosh.util.numeric import length_to_byte

PICKLE_PROTOCOL = 3
"""Bytes as bytes (protocol 2 does not), without protocol 4's 9-byte frame
header on every small block."""


def dumps(value: object) -> bytes:
    """A pickle without memo entries or protocol header: the memo's running
    indices (two bytes after every tuple and bytes value) are noise that zlib
    cannot squeeze (measured: postings data 12.8 -> 9.7 MB on 10,620
    articles). `pickle.loads` needs neither, and nothing pickled here is
    shared or recursive."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, PICKLE_PROTOCOL)
    pickler.fast = True  # no memo
    pickler.dump(value)
    return buffer.getbuffer()[2:].tobytes()  # without PROTO 3


def whole(value: float) -> float | int:
    """A weight that is a whole number, as an int (pickled in 2 bytes, not 9)."""
    as_int = int(value)
    return as_int if as_int == value else value


class CompactPostingsWriter(W3PostingsWriter):
    """Writes postings blocks as Whoosh's does, with smaller pickles."""

    def _mini_weights(self):
        weights = self._weights
        if all(w == 1.0 for w in weights):
            return None
        if all(w == weights[0] for w in weights):
            return weights[0]  # a float: the reader tells this case by type
        return tuple(whole(w) for w in weights)

    def _write_block(self, last: bool = False) -> None:
        # Whoosh's `_write_block`, with the two pickles at PICKLE_PROTOCOL.
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)

        data = (self._mini_ids(), self._mini_weights(), self._mini_values())
        databytes = dumps(data)
        comp = self._compression if len(databytes) >= COMPRESSION_MIN_SIZE else 0
        if comp:
            databytes = zlib.compress(databytes, comp)

        ids = self._ids
        infobytes = dumps(
            (
                len(ids),
                ids[-1],
                whole(self._maxweight),
                comp,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            )
        )
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class CompactPerDocWriter(W3PerDocWriter):
    """Writes each document's stored fields as Whoosh's does (a pickle in
    the zlib-compressed `_stored` column), pickled by `dumps`."""

    def finish_doc(self) -> None:
        if stored := self._storedfields:
            # Past the PickleColumn writer (it pickles with protocol 2) to
            # the compressed-bytes column under it, which the reader reads.
            self._get_column("_stored")._child.add(self._docnum, dumps(stored))
            stored.clear()
        self._indoc = False


class CompactCodec(W3Codec):
    """Use as `SegmentWriter(ix, codec=CompactCodec())`."""

    def postings_writer(self, dbfile, byteids: bool = False) -> CompactPostingsWriter:
        return CompactPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def per_document_writer(self, storage, segment) -> CompactPerDocWriter:
        return CompactPerDocWriter(self, storage, segment)

    def new_segment(self, storage, indexname) -> W3Segment:
        # The segment records the stock codec: it is what reads the files.
        return W3Segment(W3Codec(), indexname)
