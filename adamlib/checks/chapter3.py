"""The checks of chapter 3, Per-parameter learning rates: AdaGrad and RMSprop."""

__all__: list = []
