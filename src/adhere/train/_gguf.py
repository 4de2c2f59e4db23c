"""A trained model back to GGUF: the LoRA adapter merged into the base weights, written with the
source GGUF's metadata and tokenizer, so llama.cpp runs it like the model it was trained from.

Only llama-architecture sources (SmolLM2, Llama, Mistral). transformers' GGUF loader undoes
llama.cpp's interleaving of the query and key rows (rotary halves); it is redone here. Tensors
are written in the source's type (``source``: Q4_1 and Q8_0 blocks re-quantized with gguf's
quantizers, which rebuild the original bytes exactly from their de-quantized values), or as F16
or F32. The file name carries a digest of the content, because adhere's completion cache knows a
local GGUF by its file name and size, and two trainings of one model give files of one size.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from adhere.errors import AdhereError
from adhere.train._model import load_model, model_source, require_extra

__all__ = ["GGUF_TYPES", "ExportResult", "GgufType", "export_gguf"]

GgufType = Literal["source", "f16", "f32"]
GGUF_TYPES: tuple[GgufType, ...] = ("source", "f16", "f32")
_DIGEST_NAME = re.compile(r"model-[0-9a-f]{12}\.gguf")
# Keys the reader shows but the writer computes itself.
_WRITER_OWN = {"general.architecture", "general.alignment"}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    tensors: int
    #: Tensors whose merged weights differ from the source's de-quantized weights (the trained ones).
    changed: int
    #: The share of the trained change that the written weights carry: the written weights'
    #: difference from the source projected on the merged weights' difference, over every tensor
    #: (None: nothing was trained). 1 in F32, about 1 in F16 (its rounding adds noise across the
    #: change, not along it); near 0 when re-quantizing rounded the change away.
    kept: float | None
    #: Tensors written in another type than asked, because gguf cannot quantize to theirs.
    as_f16: int


@dataclass
class _Tally:
    """The trained change against the written one, summed over tensors."""

    changed: int = 0
    as_f16: int = 0
    dot: float = 0.0
    trained: float = 0.0

    def add(self, trained_change: Any, written_change: Any) -> None:
        if not trained_change.any():
            return
        self.changed += 1
        self.dot += float((trained_change * written_change).sum(dtype="float64"))
        self.trained += float((trained_change * trained_change).sum(dtype="float64"))

    @property
    def kept(self) -> float | None:
        return self.dot / self.trained if self.trained else None


def _permute_rotary_rows(weights: Any, heads: int) -> Any:
    """llama.cpp's row order for a query or key projection: per head, the two rotary halves
    interleaved (transformers keeps them as two blocks)."""
    half = weights.shape[0] // heads // 2
    return weights.reshape(heads, 2, half, *weights.shape[1:]).swapaxes(1, 2).reshape(weights.shape)


def _field(reader: Any, key: str) -> Any:
    field = reader.fields.get(key)
    return None if field is None else field.contents()


def _merged_weights(spec: str, adapter: Path | None) -> tuple[dict[str, Any], Any]:
    """The merged model's state dict (fp32 tensors by transformers name) and its config."""
    model, _tokenizer = load_model(model_source(spec))
    if adapter is not None:
        peft = importlib.import_module("peft")
        model = peft.PeftModel.from_pretrained(model, str(adapter)).merge_and_unload()
    return model.state_dict(), model.config


def _gguf_names(gguf: Any, layers: int, hf_names: list[str]) -> dict[str, str]:
    """GGUF tensor name -> transformers name, by gguf's own table for the llama architecture."""
    table = gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, layers)
    names = {}
    for hf_name in hf_names:
        stem, dot, suffix = hf_name.rpartition(".")
        mapped = table.get_name(stem)
        if mapped is not None:
            names[f"{mapped}{dot}{suffix}"] = hf_name
    return names


def _in_gguf_layout(name: str, weights: Any, config: Any) -> Any:
    array = weights.detach().float().numpy()
    if ".attn_q." in name:
        return _permute_rotary_rows(array, config.num_attention_heads)
    if ".attn_k." in name:
        return _permute_rotary_rows(array, config.num_key_value_heads)
    return array


def _encode(gguf: Any, array: Any, source_type: Any, wanted: GgufType) -> tuple[Any, Any, bool]:
    """(data, its ggml type, whether it fell back to F16). Vectors (norms) stay F32 as llama.cpp wants."""
    kinds = gguf.GGMLQuantizationType
    if wanted == "f32" or array.ndim == 1 or (wanted == "source" and source_type == kinds.F32):
        return array.astype("float32"), kinds.F32, False
    if wanted == "f16" or source_type == kinds.F16:
        return array.astype("float16"), kinds.F16, False
    try:
        return gguf.quants.quantize(array, source_type), source_type, False
    except NotImplementedError:  # gguf de-quantizes more types than it can quantize
        return array.astype("float16"), kinds.F16, True


def _copy_metadata(reader: Any, writer: Any, gguf: Any, wanted: GgufType) -> None:
    """Every key in the source's order (so the source type rebuilds the source file byte for byte);
    the file type says F16 or F32 when that was asked."""
    retyped = {"f16": gguf.LlamaFileType.MOSTLY_F16, "f32": gguf.LlamaFileType.ALL_F32}.get(wanted)
    for key, field in reader.fields.items():
        if key.startswith("GGUF.") or key in _WRITER_OWN:
            continue
        value = int(retyped) if key == "general.file_type" and retyped is not None else field.contents()
        sub_type = field.types[-1] if field.types[0] == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(key, value, field.types[0], sub_type=sub_type)
    if reader.alignment != gguf.GGUF_DEFAULT_ALIGNMENT:
        writer.data_alignment = reader.alignment
        writer.add_custom_alignment(reader.alignment)


def _write_tensors(
    source: Path, writer: Any, gguf: Any, state: dict[str, Any], config: Any, wanted: GgufType
) -> _Tally:
    """Each source tensor's merged weights, in the source's order and llama.cpp's layout."""
    names = _gguf_names(gguf, config.num_hidden_layers, list(state))
    tally = _Tally()
    for tensor in gguf.GGUFReader(source).tensors:
        if tensor.name not in names:
            raise AdhereError(f"{source}: tensor {tensor.name} has no counterpart in the loaded model")
        array = _in_gguf_layout(tensor.name, state[names[tensor.name]], config)
        original = gguf.quants.dequantize(tensor.data, tensor.tensor_type).reshape(array.shape)
        data, kind, fell_back = _encode(gguf, array, tensor.tensor_type, wanted)
        written = gguf.quants.dequantize(data, kind).reshape(array.shape)
        tally.add(array - original, written - original)
        tally.as_f16 += fell_back
        writer.add_tensor(tensor.name, data, raw_dtype=kind)
    return tally


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:12]


def _source_file(spec: str) -> Path:
    source = model_source(spec)
    if source.gguf_file is None:
        raise AdhereError(
            f"--model {spec}: writing GGUF needs a GGUF source (its metadata and tokenizer are reused); "
            "for a transformers folder, merge the adapter and convert with llama.cpp's convert_hf_to_gguf.py"
        )
    return source.folder / source.gguf_file


def export_gguf(spec: str, adapter: Path | None, out_dir: Path, wanted: GgufType = "source") -> ExportResult:
    """Merge ``adapter`` (None: the base model as it is) into the model ``spec`` and write
    ``out_dir/model-DIGEST.gguf``; an earlier export there is replaced."""
    if wanted not in GGUF_TYPES:
        raise AdhereError(f"--gguf-type must be one of {', '.join(GGUF_TYPES)}, not {wanted!r}")
    source = _source_file(spec)
    require_extra(gguf=True)
    gguf = importlib.import_module("gguf")
    reader = gguf.GGUFReader(source)
    architecture = _field(reader, "general.architecture")
    if architecture != "llama":
        raise AdhereError(
            f"--model {spec}: GGUF export supports the llama architecture, not {architecture!r}"
        )
    if adapter is not None and not (adapter / "adapter_config.json").is_file():
        raise AdhereError(f"{adapter}: no LoRA adapter there (adapter_config.json is missing)")
    state, config = _merged_weights(spec, adapter)
    out_dir.mkdir(parents=True, exist_ok=True)
    partial = out_dir / "model.gguf.partial"
    writer = gguf.GGUFWriter(partial, architecture)
    _copy_metadata(reader, writer, gguf, wanted)
    tally = _write_tensors(source, writer, gguf, state, config, wanted)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    final = out_dir / f"model-{_digest(partial)}.gguf"
    for earlier in out_dir.glob("model-*.gguf"):
        if _DIGEST_NAME.fullmatch(earlier.name) and earlier != final:
            earlier.unlink()
    partial.replace(final)
    return ExportResult(final, len(reader.tensors), tally.changed, tally.kept, tally.as_f16)
