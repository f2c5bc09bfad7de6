"""Data for the models of chapter 7: real digits that ship with scikit-learn, and a synthetic
bag-of-words problem with rare informative words. Nothing is fetched from the network.

- :func:`load_digits` — the 1,797 handwritten digits (8×8 grey images, labels 0–9) of the UCI
  "optical recognition of handwritten digits" test set, as scikit-learn ships them.
- :func:`train_test_split` — a seeded split into training and held-out examples.
- :func:`bag_of_words` — documents as word counts over a vocabulary whose word frequencies
  follow Zipf's law; the label is carried by rare words, so the gradients are sparse.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ._validate import fraction, positive_int


def _digits_file() -> Path:
    # The CSV that sklearn.datasets.load_digits reads. Reading it directly gives the identical
    # arrays (tests/test_data.py compares them) without importing scikit-learn, which costs over a
    # second per notebook.
    spec = importlib.util.find_spec("sklearn")
    if spec is None or spec.origin is None:
        raise ImportError("the digits ship with scikit-learn: pip install scikit-learn")
    return Path(spec.origin).parent / "datasets" / "data" / "digits.csv.gz"


def load_digits():
    """The handwritten digits: X of shape (1797, 64), pixel intensities scaled from 0..16 to
    [0, 1] (row i is the 8×8 image i, row by row), and y the labels 0..9."""
    table = np.loadtxt(_digits_file(), delimiter=",")
    return table[:, :-1] / 16.0, table[:, -1].astype(int)


class Split(NamedTuple):
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def train_test_split(X, y, n_test: int, seed: int = 0) -> Split:
    """A seeded random split: n_test examples held out, the rest for training."""
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X and y must have the same number of rows, got {len(X)} and {len(y)}")
    positive_int("n_test", n_test)
    if n_test >= len(X):
        raise ValueError(f"n_test must be smaller than the number of examples ({len(X)}), got {n_test}")
    order = np.random.default_rng(seed).permutation(len(X))
    test, train = order[:n_test], order[n_test:]
    return Split(X[train], y[train], X[test], y[test])


def bag_of_words(n_docs: int, vocab_size: int = 2000, words_per_doc: int = 30,
                 n_informative: int = 40, informative_rate: float = 0.05, seed: int = 0):
    """A two-class text problem with sparse, rare evidence, as word counts.

    The last 2·n_informative words of the vocabulary are informative, half for each class; the
    others are background words. Each document is ``words_per_doc`` words: each is, with
    probability ``informative_rate``, one of its class's informative words (uniformly), and
    otherwise a background word drawn with Zipf frequencies (the word of rank r with
    probability ∝ 1/r), which carries no information about the class. So a document holds about
    words_per_doc·informative_rate words that reveal its class, and a given informative word
    appears in few documents.

    Returns (X, y): X of shape (n_docs, vocab_size) with counts scaled by 1/words_per_doc
    (word frequencies in the document) and y the labels 0 or 1, balanced.
    """
    positive_int("n_docs", n_docs, minimum=2)
    positive_int("words_per_doc", words_per_doc)
    positive_int("n_informative", n_informative)
    positive_int("vocab_size", vocab_size, minimum=2 * n_informative + 1)
    fraction("informative_rate", informative_rate)
    rng = np.random.default_rng(seed)
    n_background = vocab_size - 2 * n_informative
    zipf = 1.0 / np.arange(1, n_background + 1)
    y = rng.permutation(np.arange(n_docs) % 2)
    background = rng.choice(n_background, size=(n_docs, words_per_doc), p=zipf / zipf.sum())
    first_informative = n_background + y[:, None] * n_informative
    informative = first_informative + rng.integers(0, n_informative, size=(n_docs, words_per_doc))
    words = np.where(rng.random((n_docs, words_per_doc)) < informative_rate, informative, background)
    X = np.zeros((n_docs, vocab_size))
    np.add.at(X, (np.arange(n_docs)[:, None], words), 1.0 / words_per_doc)
    return X, y
