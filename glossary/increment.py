"""Adding documents to a large glossary without mining the whole corpus again.

A build that only adds documents to a corpus of Policy.min_words words or more
mines the added documents alone and adds what it finds to the stored glossary:

- knowledge and shape (lexicon terms, institutions, persons, places, legal references,
  domain phrases) are recognised in the new documents exactly as in a full build;
- the clitic segmenter reads them with the whole corpus's vocabulary (stored at each
  full mining), so their words are cut as a full build would cut them;
- every stored glossary entry of several words written in them gains those occurrences;
- corpus evidence (a French name in parentheses) adds its French to the entry.

What needs the whole corpus waits for the next full mining: ranking statistical
candidates (a repeated phrase of the new documents alone is not ranked) and linking a
surname written alone to a full name seen in other documents. A full mining happens on
`build --full`, when a stored document changes or is removed, when the tool changes,
and once the words added this way exceed Policy.max_share of those last mined.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from glossary.french import fold
from glossary.mined import MinedEntry, Occurrence, Phrase, SentenceText, span_text
from glossary.mining import Miner
from glossary.store import EntryRecord, Store, now
from glossary.termhood import candidate_key


@dataclass(frozen=True, slots=True)
class Policy:
    """When a build may mine added documents alone."""

    # Below this many words a full mining takes a couple of seconds: always exact then.
    min_words: int = 100_000
    # Words added since the last full mining, as a share of the words it mined, above
    # which the next build mines everything again (the statistics would drift).
    max_share: float = 0.1


DEFAULT_POLICY = Policy()
# The longest stored entry looked for in new documents, in words.
MAX_KEY_WORDS = 8

MINED_WORDS = "mined_words"  # meta: words of the corpus at the last full mining
ADDED_WORDS = "added_words"  # meta: words added incrementally since

Progress = Callable[[str, int, int], None]


def may_append(store: Store, added_words: int, policy: Policy = DEFAULT_POLICY) -> bool:
    """Whether documents of `added_words` words can be mined alone into this glossary
    (the caller checked that nothing stored changed and the tool is the same)."""
    mined = store.meta(MINED_WORDS)
    if mined is None or int(mined) < policy.min_words:
        return False
    added = int(store.meta(ADDED_WORDS) or 0) + added_words
    return added <= policy.max_share * int(mined)


def mine_added(
    store: Store, sentences: Sequence[SentenceText], progress: Progress | None = None
) -> list[MinedEntry]:
    """Entries of the added sentences (ids as they will be stored), for add_entries; the
    added words join the stored vocabulary (inside the build's transaction)."""
    miner = Miner(sentences, progress=progress, vocabulary=store.vocabulary())
    mined = miner.mine()
    found = {e.key for e in mined}
    # Statistical candidates of a few documents alone are not ranked: they wait for
    # the next full mining, as their counts need the whole corpus.
    kept = [e for e in mined if e.sources != {"statistics"}]
    # Multiword keys only: a one-word entry is a name the lexicon knows (found above),
    # and its key alone would also match a common word (جديدة, new, is not El Jadida).
    known = {k for k in store.glossary_keys() - found if " " in k}
    kept += _stored_entries_in(miner.phrases, known)
    store.add_vocabulary(miner.vocabulary)
    return kept


def add_entries(store: Store, records: list[EntryRecord]) -> None:
    """Add entries mined from added documents: new ones are inserted; a stored one
    gains their forms, occurrences and French (its kind, status, preferred French and a
    person's decisions stay, unless it had no French)."""
    stamp = now()
    for entry_id, record in store.insert_new(records).items():
        _merge(store, entry_id, record, stamp)
        store.refresh_search(entry_id)


def _merge(store: Store, entry_id: int, record: EntryRecord, stamp: str) -> None:
    store.execute(
        "UPDATE entries SET frequency = frequency + ?, documents = documents + ?, "
        "in_glossary = max(in_glossary, ?), attested = 1, updated_at = ? WHERE id = ?",
        [record.mentions, record.documents, int(record.in_glossary), stamp, entry_id],
    )
    for form in record.forms:
        known = store.rows(
            "SELECT id FROM forms WHERE entry_id = ? AND surface = ?", [entry_id, form.surface]
        )
        if known:
            store.execute(
                "UPDATE forms SET frequency = frequency + ? WHERE id = ?",
                [form.frequency, known[0][0]],
            )
        else:
            store.execute(
                "INSERT INTO forms(entry_id, surface, key, words, frequency) VALUES (?,?,?,?,?)",
                [entry_id, form.surface, form.key, form.words, form.frequency],
            )
    store.add_occurrences(entry_id, record.occurrences)
    had = {
        (str(r[0]), str(r[1]))
        for r in store.rows(
            "SELECT fr_folded, acronym FROM equivalents WHERE entry_id = ?", [entry_id]
        )
    }
    lacking = not store.rows(
        "SELECT 1 FROM equivalents WHERE entry_id = ? AND preferred = 1", [entry_id]
    )
    for eq in record.equivalents:
        if (fold(eq.fr), eq.acronym) in had:
            continue
        store.execute(
            "INSERT INTO equivalents(entry_id, fr, fr_folded, acronym, origin, confidence, "
            "preferred, human, note, created_at) VALUES (?,?,?,?,?,?,?,0,?,?)",
            [
                entry_id,
                eq.fr,
                fold(eq.fr),
                eq.acronym,
                eq.origin,
                eq.confidence,
                int(lacking),
                eq.note,
                stamp,
            ],
        )
        lacking = False
    store.execute(
        "UPDATE entries SET status = CASE WHEN in_glossary AND EXISTS (SELECT 1 FROM "
        "equivalents WHERE entry_id = entries.id) THEN 'proposed' ELSE 'candidate' END "
        "WHERE id = ? AND NOT reviewed",
        [entry_id],
    )


def has_additions(store: Store) -> bool:
    """Whether documents were mined alone since the last full mining."""
    return int(store.meta(ADDED_WORDS) or 0) > 0


def record_added(store: Store, words: int) -> None:
    """Count the words added without a full mining (inside the build's transaction)."""
    store.set_meta(ADDED_WORDS, str(int(store.meta(ADDED_WORDS) or 0) + words))


def record_full(store: Store, words: int, vocabulary: set[str]) -> None:
    """A full mining of `words` words happened: its vocabulary replaces the stored one."""
    store.add_vocabulary(vocabulary, replace=True)
    store.set_meta(MINED_WORDS, str(words))
    store.set_meta(ADDED_WORDS, "0")


def _stored_entries_in(phrases: Sequence[Phrase], keys: set[str]) -> list[MinedEntry]:
    """Stored glossary entries (by key) the phrases mention: new occurrences for them,
    found as the statistics step finds its candidates (every n-gram's key)."""
    if not keys:
        return []
    longest = min(MAX_KEY_WORDS, max(k.count(" ") + 1 for k in keys))
    found: dict[str, MinedEntry] = {}
    for phrase in phrases:
        units = phrase.units
        for i in range(len(units)):
            for n in range(1, min(longest, len(units) - i) + 1):
                key = " ".join(candidate_key(units[i : i + n]))
                if key in keys:
                    text, begin, end = span_text(phrase, i, i + n)
                    occurrence: Occurrence = (phrase.sentence.index, begin, end, text)
                    entry = found.setdefault(key, MinedEntry(key, ""))
                    entry.record(occurrence)
    document_of = {p.sentence.index: p.sentence.document for p in phrases}
    for entry in found.values():
        entry.documents = len({document_of[o[0]] for o in entry.occurrences})
    return list(found.values())
