"""Loading a model folder safely: safetensors only (pickle only on explicit request), no remote code."""

from __future__ import annotations

from pathlib import Path

import torch
from transformers import AutoModelForSequenceClassification, AutoModelForTokenClassification, AutoTokenizer

from ..errors import ModelError

_CLASSES = {"ner": AutoModelForTokenClassification, "stance": AutoModelForSequenceClassification}


def load_model_and_tokenizer(folder: str | Path, task: str, device: torch.device, allow_pickle: bool = False):
    """Load the model of ``task`` and its tokenizer from ``folder`` onto ``device``, in eval mode.

    Weights must be safetensors; a pickle checkpoint (``pytorch_model.bin``) loads only with
    ``allow_pickle=True``, and then with ``weights_only=True``.
    """
    folder = Path(folder)
    has_safetensors = any(folder.glob("*.safetensors"))
    if not has_safetensors and not allow_pickle:
        if any(folder.glob("*.bin")) or any(folder.glob("*.pt")):
            raise ModelError(f"{folder}: only pickle weights found; they can run code when loaded. Convert them "
                             "to safetensors, or pass allow_pickle=True if you trust the source")
        raise ModelError(f"{folder}: no model weights (model.safetensors) found")
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, trust_remote_code=False)
        model = _CLASSES[task].from_pretrained(folder, use_safetensors=has_safetensors, trust_remote_code=False)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{folder}: cannot load the {task} model: {exc}") from exc
    return model.to(device).eval(), tokenizer
