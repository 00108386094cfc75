"""SmoothQuant for the ONNX graph, before ONNX Runtime quantises it to int8.

ONNX Runtime's dynamic quantisation gives a whole activation tensor one scale, so a few outlier input channels
cost every other channel its precision. With the model's calibration (:mod:`.calibration`) each MatMul (and each
fused ``Attention``, whose Q, K and V share their input) gets a ``Mul`` by ``1/s`` on its input and its weight's
rows multiplied by ``s`` (:func:`~.quantize.smoothing_factors`): the float graph computes the same, the
quantised one loses less. Graph nodes are matched to the model's linear layers by their weights' values, not by
names, which exporters and optimizers change.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .quantize import smoothing_factors


def _layer_finder(model: nn.Module, input_max: Mapping[str, torch.Tensor]):
    """A function from an ONNX weight ``[in, out]`` to the name of the calibrated linear layer holding it."""
    by_shape: dict[tuple[int, int], list[tuple[str, np.ndarray]]] = {}
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear) and name in input_max:
            w = module.weight.detach().float().numpy()
            by_shape.setdefault(w.T.shape, []).append((name, w))

    def find(weight: np.ndarray) -> str | None:
        for name, w in by_shape.get(weight.shape, []):
            if np.array_equal(w.T, weight):
                return name
        return None
    return find


def smooth_graph(src: str | Path, dst: str | Path, model: nn.Module, input_max: Mapping[str, torch.Tensor],
                 alpha: float) -> int:
    """Write the graph at ``src``, smoothed with ``input_max`` (by the layer names of ``model``, the torch model it
    was exported from) and migration strength ``alpha``, to ``dst``; return how many MatMul/Attention nodes were
    smoothed."""
    import onnx
    from onnx import helper, numpy_helper

    graph_model = onnx.load(str(src))
    graph = graph_model.graph
    inits = {i.name: i for i in graph.initializer}
    find = _layer_finder(model, input_max)
    nodes, done = [], set()
    for node in graph.node:
        weight_name = node.input[1] if len(node.input) > 1 else ""
        if node.op_type in ("MatMul", "Attention") and weight_name in inits and weight_name not in done:
            weight = numpy_helper.to_array(inits[weight_name])
            if weight.ndim == 2:
                # a fused Attention's weight is [in, 3 × hidden]: Q's columns first
                name = find(weight if node.op_type == "MatMul" else weight[:, : weight.shape[1] // 3])
                if name is not None:
                    s = smoothing_factors(input_max[name], torch.from_numpy(weight.T.copy()), alpha).numpy()
                    inits[weight_name].CopyFrom(numpy_helper.from_array((weight * s[:, None]).astype(np.float32),
                                                                        weight_name))
                    done.add(weight_name)
                    inverse, smoothed = f"{node.name}_smoothing", f"{node.name}_smoothed_input"
                    graph.initializer.append(numpy_helper.from_array((1.0 / s).astype(np.float32), inverse))
                    nodes.append(helper.make_node("Mul", [node.input[0], inverse], [smoothed],
                                                  name=f"{node.name}_smooth"))
                    node.input[0] = smoothed
        nodes.append(node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.save(graph_model, str(dst))
    return len(done)
