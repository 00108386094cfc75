"""ONNX export of an arapol model folder, int8 quantisation with ONNX Runtime, and the ONNX Runtime runner.

Needs the ``onnx`` extra (``pip install "arapol[onnx]"``: ``onnx``, ``onnxscript`` for the exporter,
``onnxruntime``). The export lives in ``<model folder>/onnx/``::

    model.onnx         float32 graph, dynamic batch and sequence axes; inputs as the task feeds them
    model.int8.onnx    the same with int8 weights for MatMul/Gemm (per output channel; dynamic activation quantisation),
                       smoothed first with the model's int8 calibration when it has one (see :mod:`.onnx_smoothing`)
    export.json        what was exported from which weights, and how int8 was quantised (a stale export is redone)

``arapol.load(folder, backend="onnx")`` exports on first use when the folder has no export yet.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ..checkpoint import (
    CALIBRATION_FILE,
    exclusive_lock,
    file_stamp,
    raise_naming,
    read_info,
    reads_segments,
    safetensors_weights,
    weights_stamp,
    write_json_atomic,
)
from ..errors import ArapolError, InferenceOnlyError, ModelError
from .backend import default_threads

ONNX_DIR = "onnx"
FP32_FILE = "model.onnx"
INT8_FILE = "model.int8.onnx"
META_FILE = "export.json"
OPSET = 17
INT8_SETTINGS = {"weights": "int8, symmetric, per output channel", "activations": "uint8, dynamic, per tensor"}
"""How ``model.int8.onnx`` is quantised; recorded in ``export.json``, and an int8 graph made otherwise is redone.

Every MatMul, the fused attention and the embedding table are quantised. Kept in float32 instead (by hand,
``quantize_dynamic``'s ``nodes_to_exclude``, smoothed graphs, entity agreement with fp32, Viterbi): the embedding
table (no time: it is looked up, not multiplied) lifted ANERcorp's test texts from 0.979 / 0.945 to 0.981 / 0.950
(a model trained on ANERcorp; a bundled-config one) but moved the bundled split both ways (seeds 13–15: 0.982 /
0.972 / 0.963 → 0.985 / 0.965 / 0.979), and costs the table's float32 size (a full-vocabulary e5-small: 384 MB
against 96); the feed-forward output layers of all 12 layers reached 0.993 / 0.977 on ANERcorp for 30 % more time
(2.9 → 3.8 s on those texts), still under 0.99 on the bundled split (0.988 / 0.980 / 0.988). Neither is kept: the first
moves the bundled split both ways for its memory, the second gives up much of this mode's lead over bf16, which
agrees at ≥ 0.99 (torch int8, with a scale per token, agrees at 0.969–0.993 on the same models). Fewer products kept
in float32 do not single out a culprit (bundled-config models of 2026-12-02, seeds 13 / 14, bundled test split, by
hand): none 0.960 / 0.969; the classifier 0.960 / 0.969; the four of layer 0 0.986 / 0.971; layer 0's feed-forward
input or output alone 0.976, 0.972 / 0.964, 0.966; layer 1's feed-forward output 0.981 / 0.960; the last two
layers 0.960 / 0.976; all 12 feed-forward outputs 0.986 / 0.988, the only choice that clearly helped both.
ONNX Runtime's weight-only ``MatMulNBits`` instead (``MatMulNBitsQuantizer``, symmetric blocks of 32,
``accuracy_level=4``: int8 products with a scale per block of 32 activations; the fused attention stays float32),
seed-13 bundled model, test split, batches of 16, one thread, by hand: 8 bits agreed with fp32 on 99.88 % of pieces'
argmax (this graph 99.05 %) but ran no faster than fp32 (0.92 against 0.94 s; this graph 0.50 s); 4 bits agreed on
72 %."""
ONNX_SMOOTHING_ALPHA = 0.8
"""SmoothQuant's migration strength for the ONNX graph (see :mod:`.onnx_smoothing`), stronger than torch int8's:
ONNX Runtime gives a whole activation tensor one scale. Entity agreement with fp32 on the models of
:data:`~.quantize.SMOOTHING_ALPHA`'s note, bundled test split (batches of 512 pieces): unsmoothed 0.934 / 0.931 /
0.946; α 0.5: 0.956 / 0.919 / 0.935; α 0.7: 0.983 / 0.952 / 0.958; α 0.8: 0.968 / 0.973 / 0.968; α 0.9: 0.956 /
0.960 / 0.963 (chosen on these). On ANERcorp's test texts (batches of 256 pieces): unsmoothed 0.901 / 0.900 /
0.900, α 0.8: 0.955 / 0.945 / 0.949."""
SLOW_FUSIONS = ("SkipLayerNormFusion",)
"""ONNX Runtime fusions left out, in the saved graph and when a session loads it: its CPU
``SkipLayerNormalization`` took 3.1 ms on a 768 × 768 input where ``Add`` + ``LayerNormalization`` took 0.40 ms
(onnxruntime 1.32, one thread, AMD EPYC of the Zen 4 family), 14 % of a BERT-base int8 graph's time; without it
that graph ran 1.09–1.13× faster, the float32 one 1.00–1.06× (batches 16 × 48, 4 × 128, 1 × 40 tokens; by hand).
A graph exported with it (``export.json`` without ``left_out``) is exported again."""
_log = logging.getLogger(__name__)
_EXPORT_LOCK = threading.RLock()
"""Held while a graph is found or exported: torch's exporters are not thread-safe, and the export silences
stdout, loggers and warnings process-wide, which threads exporting at once restored in the wrong order."""


def _require(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ArapolError(f"backend='onnx' and `arapol export --onnx` need the onnx extra: "
                          f"pip install 'arapol[onnx]' (missing: {exc.name})") from exc


def input_names(folder: str | Path) -> list[str]:
    """The inputs the exported graph takes, in order: what arapol's batching feeds this task's model (pairs of a
    stance model carry segment ids when the model has segment embeddings)."""
    from transformers import AutoConfig

    folder = Path(folder)
    info = read_info(folder)
    names = ["input_ids", "attention_mask"]
    if reads_segments(info.task, AutoConfig.from_pretrained(folder)):
        names.append("token_type_ids")
    return names


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence the exporter's and quantiser's warnings and log chatter (they are about the tools, not the model)."""
    loggers = [logging.getLogger(n) for n in ("", "torch.onnx", "torch._export", "torch.export", "onnxscript")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, lv in zip(loggers, levels):
            lg.setLevel(lv)


_FUSABLE = {"bert": "bert", "roberta": "bert", "xlm-roberta": "bert", "electra": "bert", "camembert": "bert"}
"""``config.model_type`` → ONNX Runtime transformer-optimizer type, for models whose attention it fuses."""


def _export_fp32(folder: Path, path: Path) -> tuple[list[str], str]:
    """Export the float32 graph to ``path``; return its inputs and how it was made.

    The model is traced with eager attention (the pattern ONNX Runtime's transformer optimizer fuses into
    ``Attention``, ``EmbedLayerNormalization`` and ``BiasGelu`` — and, once quantised, ``QAttention``), by the
    TorchScript exporter where this torch still has it, else by the dynamo exporter.
    """
    import torch

    from .loading import load_trained_model

    _require("onnx")
    info = read_info(folder)
    model = load_trained_model(folder, info.task, attn_implementation="eager",
                               use_safetensors=bool(safetensors_weights(folder))).eval()
    names = input_names(folder)

    class Logits(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).logits

    class PairLogits(Logits):
        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,  # type: ignore[override]
                    token_type_ids: torch.Tensor) -> torch.Tensor:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).logits

    wrapper = (PairLogits if "token_type_ids" in names else Logits)(model).eval()
    sample = tuple((torch.zeros if n == "token_type_ids" else torch.ones)((2, 8), dtype=torch.long) for n in names)
    big = sum(p.numel() * p.element_size() for p in model.parameters()) > 1_800_000_000
    how = "torchscript"
    with _quiet(), open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), torch.inference_mode(False):
        try:
            torch.onnx.export(wrapper, sample, str(path), input_names=names, output_names=["logits"],
                              dynamic_axes={n: {0: "batch", 1: "sequence"} for n in [*names, "logits"]},
                              opset_version=OPSET, dynamo=False)
        except Exception:  # the TorchScript exporter is deprecated: fall back to dynamo
            how = "dynamo"
            for f in path.parent.iterdir():
                f.unlink()
            limit = int(getattr(model.config, "max_position_embeddings", 512) or 512)
            batch = torch.export.Dim("batch", min=1, max=1 << 16)
            seq = torch.export.Dim("sequence", min=1, max=limit)
            torch.onnx.export(wrapper, sample, str(path), input_names=names, output_names=["logits"],
                              dynamic_shapes={n: {0: batch, 1: seq} for n in names}, dynamo=True,
                              opset_version=OPSET, external_data=big, verbose=False)
    fused = _fuse(path, model, names)
    return names, how + ("+fused" if fused else "")


def _fuse(path: Path, model: Any, names: list[str]) -> bool:
    """Rewrite ``path`` with ONNX Runtime's transformer fusions when they keep the outputs (checked on a sample)."""
    kind = _FUSABLE.get(getattr(model.config, "model_type", ""))
    if kind is None or path.with_name(path.name + ".data").exists():
        return False

    try:
        from onnxruntime.transformers.fusion_options import FusionOptions
        from onnxruntime.transformers.optimizer import optimize_model

        # Without symbolic shape inference: the same fused operators (BERT-base of bench_predict.py: 12 Attention,
        # 24 SkipLayerNormalization then, 12 BiasGelu; outputs equal bit for bit, same speed) in a third of the time
        # (30.5 s → 10.7 s on a 2-core AVX2 EPYC, by hand): the inference copies the whole graph, weights included.
        options = FusionOptions(kind)
        options.enable_shape_inference = False
        options.enable_skip_layer_norm = options.enable_bias_skip_layer_norm = False  # see SLOW_FUSIONS
        tmp = path.with_name("fused-" + path.name)
        with _quiet(), open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
            optimized = optimize_model(str(path), model_type=kind, num_heads=model.config.num_attention_heads,
                                       hidden_size=model.config.hidden_size, opt_level=1,
                                       optimization_options=options)
            optimized.save_model_to_file(str(tmp))
        if not _matches_torch(tmp, model, names):
            tmp.unlink()
            return False
        os.replace(tmp, path)
        return True
    except Exception:  # the optimizer is an optional speed-up: any failure leaves the plain graph
        path.with_name("fused-" + path.name).unlink(missing_ok=True)
        return False


def _matches_torch(path: Path, model: Any, names: list[str]) -> bool:
    """Whether the float graph at ``path`` gives ``model``'s logits (to 1e-3) on a sample batch with padding."""
    import torch

    rng = np.random.default_rng(0)
    vocab = int(model.config.vocab_size)
    ids = rng.integers(5, max(6, vocab), size=(3, 21))
    mask = np.ones_like(ids)
    mask[1, 15:] = 0
    mask[2, 4:] = 0
    feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": (np.arange(21) >= 9)[None].repeat(3, 0) * 1}
    feed = {n: feed[n] for n in names}
    with torch.inference_mode():
        want = model(**{k: torch.from_numpy(v) for k, v in feed.items()}).logits.numpy()
    got = OnnxRunner(path, 1)(feed)
    keep = mask.astype(bool)
    return bool(np.allclose(got[keep] if got.ndim == 3 else got, want[keep] if want.ndim == 3 else want,
                            atol=1e-3, rtol=1e-3))


def _int8_settings(folder: Path) -> dict[str, Any]:
    """:data:`INT8_SETTINGS`, and the calibration the graph is smoothed with, by what it holds
    (:func:`~.calibration.calibration_digest`; None: none): ``arapol calibrate`` redone on the same texts rewrites the
    file, and the graph, slow to quantise on a real model, is still the one it smooths."""
    from .calibration import calibration_digest

    return {**INT8_SETTINGS, "smoothing": {"alpha": ONNX_SMOOTHING_ALPHA, "calibration": calibration_digest(folder)}}


def _smoothed(folder: Path, src: Path, dst: Path) -> bool:
    """Write ``src`` smoothed with ``folder``'s int8 calibration to ``dst``; False (nothing written) when the folder
    has none, or when the smoothed graph does not compute what the model does (then int8 runs unsmoothed)."""
    from .calibration import read_calibration
    from .loading import load_trained_model
    from .onnx_smoothing import smooth_graph

    if not (folder / CALIBRATION_FILE).is_file():
        return False
    info = read_info(folder)
    model = load_trained_model(folder, info.task, use_safetensors=bool(safetensors_weights(folder))).eval()
    count = smooth_graph(src, dst, model, read_calibration(folder, model) or {}, ONNX_SMOOTHING_ALPHA)
    if count and _matches_torch(dst, model, input_names(folder)):
        return True
    _log.warning("%s: the int8 calibration could not be applied to the ONNX graph (%d layers matched); "
                 "quantising it unsmoothed", folder, count)
    dst.unlink(missing_ok=True)
    return False


def _quantize(folder: Path, src: Path, dst: Path) -> bool:
    """Write the int8 version of ``src`` to ``dst``, smoothed with ``folder``'s calibration where it has one and
    it applies; return whether it was smoothed."""
    _require("onnx")
    from onnxruntime.quantization import QuantType, quantize_dynamic

    big = src.with_name(src.name + ".data").exists()
    smooth = dst.with_name(f"{dst.name}.smoothed.onnx")
    if big and (folder / CALIBRATION_FILE).is_file():
        _log.warning("%s: its graph keeps the weights in a side file (over 2 GB); int8 is quantised unsmoothed",
                     folder)
    smoothed = not big and _smoothed(folder, src, smooth)
    if smoothed:
        src = smooth
    try:
        with _quiet():
            import onnx

            # One weight scale per output channel: on a trained e5-small NER model (bundled test split) entity F1
            # fell 0.1 point from fp32 where one scale per tensor lost 3.7 points, at the same speed.
            quantize_dynamic(src, dst, weight_type=QuantType.QInt8, per_channel=True, use_external_data_format=big,
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    finally:
        smooth.unlink(missing_ok=True)
    return smoothed


def export_onnx(model_folder: str | Path, out_folder: str | Path | None = None, quantize: bool = False) -> Path:
    """Export the arapol model in ``model_folder`` to ONNX in ``out_folder`` (default ``<model_folder>/onnx``);
    with ``quantize`` also write the int8 version. Return the path of the graph to run (int8 when quantised).

    A bundle folder (NER + stance) is not accepted: export each task's sub-folder.
    """
    _require("onnxruntime")
    folder = Path(model_folder)
    read_info(folder)  # a clear error for a non-model folder
    out = Path(out_folder) if out_folder is not None else folder / ONNX_DIR
    with _EXPORT_LOCK, exclusive_lock(out / LOCK_FILE, None):  # threads and processes: a second finds the graph
        for stale in out.glob(".export-*"):  # what an export killed before left (a kill skips the clean-up)
            shutil.rmtree(stale, ignore_errors=True)
        for stale in out.glob(f".{INT8_FILE}.tmp*"):
            stale.unlink(missing_ok=True)
        return _export_onnx(folder, out, quantize)


LOCK_FILE = ".export.lock"
"""The file in a graph's folder that one export at a time holds locked (left there, empty)."""


def _export_onnx(folder: Path, out: Path, quantize: bool) -> Path:
    stamp = weights_stamp(folder)
    meta_path = out / META_FILE
    meta = _read_meta(meta_path)
    fp32 = out / FP32_FILE
    if not _up_to_date(out, meta, stamp, quantize=False, folder=folder):
        with tempfile.TemporaryDirectory(dir=out, prefix=".export-") as tmp:
            tmp_path = Path(tmp) / FP32_FILE
            try:
                names, how = _export_fp32(folder, tmp_path)
            except OSError as exc:  # a full disk: name the graph, which the writers' errors leave out
                raise_naming(exc, fp32)
                raise
            for f in Path(tmp).iterdir():
                os.replace(f, out / f.name)
        (out / INT8_FILE).unlink(missing_ok=True)
        # no path of the model folder: the export is published with it, and a path would name the user's folders
        meta = {"weights": stamp, "inputs": names, "opset": OPSET, "exporter": how, "left_out": list(SLOW_FUSIONS)}
        write_json_atomic(meta_path, meta)
    if not quantize:
        return fp32
    int8 = out / INT8_FILE
    if not _up_to_date(out, meta, stamp, quantize=True, folder=folder):
        tmp_int8 = out / f".{INT8_FILE}.tmp"
        try:
            smoothed = _quantize(folder, fp32, tmp_int8)
        except OSError as exc:
            raise_naming(exc, int8)
            raise
        os.replace(tmp_int8, int8)
        if tmp_int8.with_name(tmp_int8.name + ".data").exists():
            os.replace(tmp_int8.with_name(tmp_int8.name + ".data"), int8.with_name(int8.name + ".data"))
        # int8_smoothed False: no calibration, or it did not fit the graph
        write_json_atomic(meta_path, {**meta, "int8": _int8_settings(folder), "int8_smoothed": smoothed})
    return int8


def _up_to_date(out: Path, meta: dict[str, Any], stamp: dict[str, list[int]], quantize: bool,
                folder: Path | None = None) -> bool:
    """Whether ``out`` (with ``export.json`` read as ``meta``) holds the graph to run, exported from weights
    ``stamp`` without :data:`SLOW_FUSIONS`; for ``quantize`` also its int8 version, made with today's settings and
    ``folder``'s calibration."""
    if meta.get("weights") != stamp or meta.get("left_out") != list(SLOW_FUSIONS) or not (out / FP32_FILE).is_file():
        return False
    return not quantize or ((out / INT8_FILE).is_file() and folder is not None
                            and _as_now(meta.get("int8"), folder) == _int8_settings(folder))


def _as_now(recorded: Any, folder: Path) -> Any:
    """An int8 graph's recorded settings, its calibration stamped as :func:`_int8_settings` stamps it now: by the
    digest where an earlier arapol stamped it by size and time and the file still has them (its graph smooths that
    calibration, so it is not quantised again)."""
    smoothing = recorded.get("smoothing") if isinstance(recorded, dict) else None
    if not isinstance(smoothing, dict) or not isinstance(smoothing.get("calibration"), list) \
            or smoothing["calibration"] != file_stamp(folder / CALIBRATION_FILE):
        return recorded
    from .calibration import calibration_digest

    return {**recorded, "smoothing": {**smoothing, "calibration": calibration_digest(folder)}}


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}


def find_or_export(folder: str | Path, quantize: bool) -> Path:
    """The ONNX graph for ``folder``: its up-to-date export in ``<folder>/onnx``, else a fresh export there —
    or, where the folder is read-only, in the user's arapol cache (``$ARAPOL_CACHE/onnx``, by default
    ``~/.cache/arapol/onnx``). One thread at a time: a second waits, then finds the first one's export."""
    with _EXPORT_LOCK:
        return _find_or_export(Path(folder), quantize)


def _find_or_export(folder: Path, quantize: bool) -> Path:
    out = folder / ONNX_DIR
    if _up_to_date(out, _read_meta(out / META_FILE), weights_stamp(folder), quantize, folder):
        return out / (INT8_FILE if quantize else FP32_FILE)
    try:
        out.mkdir(exist_ok=True)
        writable = os.access(out, os.W_OK)
    except OSError:
        writable = False
    if not writable:  # the user's own cache (not a shared temporary folder, where another user could plant a graph)
        import hashlib

        from ..base.offline import cache_root

        key = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
        out = cache_root() / "onnx" / key
        out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    _log.info("exporting %s to ONNX in %s", folder, out)
    return export_onnx(folder, out, quantize=quantize)


class OnnxRunner:
    """An ONNX Runtime session on CPU, fed the padded numpy batch arapol builds."""

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise InferenceOnlyError("a model run by ONNX Runtime (an InferenceSession) cannot be copied or pickled; load "
                                 "it again from its folder instead")

    def __deepcopy__(self, memo: dict) -> OnnxRunner:
        return self.__reduce_ex__(None)

    def __init__(self, path: str | Path, threads: int | None = None, profile_prefix: str | None = None) -> None:
        """``profile_prefix``: write ONNX Runtime's profile of each operator (JSON) to files with this prefix,
        closed by ``self.session.end_profiling()``."""
        ort = _require("onnxruntime")
        options = ort.SessionOptions()
        if profile_prefix is not None:
            options.enable_profiling = True
            options.profile_file_prefix = profile_prefix
        options.intra_op_num_threads = threads or default_threads()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        try:
            self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"],
                                                disabled_optimizers=list(SLOW_FUSIONS))
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError(f"{path}: ONNX Runtime cannot load it: {exc}") from exc
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.path = Path(path)

    def __call__(self, inputs: Mapping[str, np.ndarray]) -> np.ndarray:
        feed = {}
        for name in self.inputs:
            if name in inputs:
                feed[name] = inputs[name]
            elif name == "token_type_ids":
                feed[name] = np.zeros_like(inputs["input_ids"])
            else:
                raise ModelError(f"{self.path}: the graph wants input {name!r}, which arapol does not make")
        return np.asarray(self.session.run(["logits"], feed)[0], dtype=np.float32)


def export_onnx_all(folder: str | Path, quantize: bool = False) -> list[Path]:
    """:func:`export_onnx` for every task of ``folder`` (one model, or a bundle of NER and stance), each into its
    own ``onnx/`` sub-folder; return the graphs to run."""
    from ..checkpoint import task_folders

    return [export_onnx(f, quantize=quantize) for f in task_folders(folder).values()]
