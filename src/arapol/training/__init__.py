"""Training: features from examples, and the run that turns a config into a checkpoint folder."""

from .trainer import train

__all__ = ["train"]
