"""A tiny real Argos package (.argosmodel) built at test time, with no download.

The package holds what Argos Translate needs and nothing it would fetch:

- a SentencePiece model trained in a fraction of a second on the seed corpus plus a line
  of Latin letters (placeholders and French must be encodable);
- a 1-layer CTranslate2 Transformer whose weights are set by hand so that decoding
  *copies* the source pieces: token and position live in separate one-hot dimensions,
  cross-attention matches decoder position t with source position t, and the attended
  token is projected onto the same output token; the source end-of-sentence token
  (``add_source_eos``) is copied last, so beams always stop;
- a minimal MiniSBD ONNX sentence splitter (a sentence ends at . ! ? ؟), so that Argos
  never tries to download one;
- metadata.json.

A copy model makes the output deterministic: whatever Latin text or placeholder the
source holds comes back as it was, which is what a glossary-enforcement test needs.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
POSITIONS = 160  # longest sentence (in pieces) the copy model copies faithfully
SPLIT_CHARS = (".", "!", "?", "؟")

_LATIN = (
    "La Direction générale de la surveillance du territoire (DGST) et la Direction générale "
    "de la sécurité intérieure (DGSI) coopèrent. ABCDEFGHIJKLMNOPQRSTUVWXYZ "
    "abcdefghijklmnopqrstuvwxyz 0123456789 ( ) [ ] « » , ; : . ! ? ' -"
)


def _training_lines() -> list[str]:
    lines = [_LATIN] * 20
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


def train_sentencepiece(vocab_size: int = 160) -> bytes:
    """A small unigram SentencePiece model, as the bytes of its .model file."""
    import sentencepiece as spm

    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_training_lines()),
        model_writer=out,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return out.getvalue()


def _pieces(model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


# Arabic letter → Latin letter, for the transliterating variant of the model.
_ROMAN = dict(
    zip(
        "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئةى",
        "abttjhkddrzsscdtzaafqklmnhwyaaiaoiaa",
        strict=True,
    )
)


def transliteration(vocab: list[str]) -> list[int]:
    """For each piece, the piece the transliterating model writes for it.

    An Arabic piece becomes the piece of the Latin letter for its first Arabic letter
    (keeping a word start ▁ when the vocabulary has that piece); other pieces stay.
    The output is Latin, nothing like French, but shaped like an engine's: one target
    piece per source piece, with a real score.
    """
    index = {piece: i for i, piece in enumerate(vocab)}
    targets = []
    for i, piece in enumerate(vocab):
        letters = [_ROMAN[c] for c in piece if c in _ROMAN]
        if not letters:
            targets.append(i)
            continue
        word_start = piece.startswith("\u2581")
        choice = ("\u2581" + letters[0]) if word_start else letters[0]
        targets.append(index.get(choice, index.get(letters[0], i)))
    return targets


def save_copy_model(vocab: list[str], folder: Path, targets: list[int] | None = None) -> None:
    """A CTranslate2 Transformer (1 layer, 1 head) that copies its source, saved in `folder`.

    `targets` (piece → piece written for it) turns the copy into a piece-by-piece
    rewriting, as the transliterating variant does.
    """
    from ctranslate2.specs import TransformerSpec

    v, p = len(vocab), POSITIONS
    d = v + p + (-(v + p)) % 8
    tok = np.zeros((v, d), np.float32)
    tok[np.arange(v), np.arange(v)] = 1.0
    rows = 4 * p
    pos = np.zeros((rows, d), np.float32)
    pos[np.arange(rows), v + np.arange(rows) % p] = 1.0
    pos_dims = np.zeros((d, d), np.float32)
    pos_dims[v : v + p, v : v + p] = np.eye(p, dtype=np.float32)
    tok_dims = np.zeros((d, d), np.float32)
    tok_dims[:v, :v] = np.eye(v, dtype=np.float32)
    ffn = 8

    spec = TransformerSpec.from_config(1, 1)
    spec.config.add_source_eos = True  # the copied </s> ends every hypothesis

    def norm(layer: Any) -> None:
        layer.gamma = np.ones(d, np.float32)
        layer.beta = np.zeros(d, np.float32)

    def silence(block: Any) -> None:
        """Make an attention or feed-forward sublayer add nothing to the residual."""
        norm(block.layer_norm)
        if hasattr(block, "linear"):
            block.linear[0].weight = np.zeros((3 * d, d), np.float32)
            block.linear[1].weight = np.zeros((d, d), np.float32)
        else:
            block.linear_0.weight = np.zeros((ffn, d), np.float32)
            block.linear_1.weight = np.zeros((d, ffn), np.float32)

    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = False
        side.position_encodings.encodings = pos
        norm(side.layer_norm)
        layer = side.layer[0]
        silence(layer.self_attention)
        silence(layer.ffn)
    spec.encoder.embeddings[0].weight = tok
    spec.decoder.embeddings.weight = tok
    cross = spec.decoder.layer[0].attention
    norm(cross.layer_norm)
    cross.linear[0].weight = 4.0 * pos_dims  # query: decoder position t …
    cross.linear[1].weight = np.concatenate([pos_dims, tok_dims])  # … meets source position t
    cross.linear[2].weight = 4.0 * tok_dims  # and brings its token along
    projection = 3.0 * tok[:, :].copy()
    if targets is not None:
        projection = np.zeros((v, d), np.float32)
        projection[np.asarray(targets), np.arange(v)] = 3.0  # token i is written as targets[i]
    spec.decoder.projection.weight = projection
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))


def minisbd_onnx(lang: str = "ar") -> bytes:
    """A MiniSBD-compatible ONNX model: a sentence ends at each character of SPLIT_CHARS."""
    import onnx
    from onnx import TensorProto, helper

    # Units are character ids: 0 padding, 1 unknown, then the splitting characters.
    id2unit = ["<PAD>", "<UNK>", *SPLIT_CHARS]
    vocab = {
        "lang": lang,
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_id2unit": id2unit,
        "_unit2id": {u: i for i, u in enumerate(id2unit)},
    }
    config = {"feat_funcs": ["space_before"], "max_seqlen": 1000, "batch_size": 32}
    nodes = [
        helper.make_node("Greater", ["units", "one"], ["is_end_bool"]),
        helper.make_node("Cast", ["is_end_bool"], ["is_end_2d"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["is_end_2d", "last_axis"], ["is_end"]),
        helper.make_node("Mul", ["is_end", "zero"], ["zeros"]),
        helper.make_node("Add", ["zeros", "half"], ["halves"]),
        # classes: 0 inside a token, 1 end of token, 2 end of sentence
        helper.make_node("Concat", ["halves", "zeros", "is_end"], ["logits"], axis=2),
    ]
    graph = helper.make_graph(
        nodes,
        "minisbd-tiny",
        [
            helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "chars"]),
            helper.make_tensor_value_info(
                "features", TensorProto.FLOAT, ["batch", "chars", "feats"]
            ),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "chars", 3])],
        initializer=[
            helper.make_tensor("one", TensorProto.INT64, [], [1]),
            helper.make_tensor("last_axis", TensorProto.INT64, [1], [2]),
            helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0]),
            helper.make_tensor("half", TensorProto.FLOAT, [], [0.5]),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    for key, value in {
        "lang_code": lang,
        "config": json.dumps(config),
        "vocab": json.dumps(vocab),
    }.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    return bytes(model.SerializeToString())


def metadata(from_code: str = "ar", to_code: str = "fr") -> dict[str, object]:
    names = {"ar": "Arabic", "fr": "French", "en": "English"}
    return {
        "package_version": "0.1",
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": names.get(from_code, from_code),
        "to_code": to_code,
        "to_name": names.get(to_code, to_code),
        "type": "translate",
        "links": [],
    }


def build_package_folder(
    folder: Path, from_code: str = "ar", to_code: str = "fr", *, romanize: bool = False
) -> Path:
    """Write an unzipped package into `folder` (created); returns it.

    `romanize`: the model writes Arabic pieces in Latin letters instead of copying them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    model = train_sentencepiece()
    (folder / "sentencepiece.model").write_bytes(model)
    vocab = _pieces(model)
    save_copy_model(vocab, folder / "model", transliteration(vocab) if romanize else None)
    (folder / "minisbd").mkdir(exist_ok=True)
    (folder / "minisbd" / f"{from_code}.onnx").write_bytes(minisbd_onnx(from_code))
    (folder / "metadata.json").write_text(json.dumps(metadata(from_code, to_code)))
    return folder


def zip_package(folder: Path, target: Path, *, skip: tuple[str, ...] = ()) -> Path:
    """Zip `folder` as an .argosmodel (one top folder), leaving out paths starting with `skip`."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and not relative.startswith(skip):
                zf.write(path, f"{folder.name}/{relative}")
    return target


def build_argosmodel(
    workdir: Path, from_code: str = "ar", to_code: str = "fr", *, romanize: bool = False
) -> Path:
    """A complete tiny `.argosmodel` in `workdir`; returns its path."""
    name = f"translate-{from_code}_{to_code}-{'roman' if romanize else 'tiny'}"
    folder = build_package_folder(workdir / name, from_code, to_code, romanize=romanize)
    return zip_package(folder, workdir / f"{name}.argosmodel")
