"""adamlib.data and adamlib.train: the digits as scikit-learn ships them, seeded splits, the
bag-of-words problem, and the minibatch trainer."""

import numpy as np
import pytest

import adamlib
from adamlib.data import bag_of_words, load_digits, train_test_split
from adamlib.train import minibatches


def test_digits_are_scikit_learns_digits():
    from sklearn.datasets import load_digits as sklearn_digits

    X, y = load_digits()
    reference = sklearn_digits()
    assert X.shape == (1797, 64) and np.array_equal(X * 16, reference.data)
    assert np.array_equal(y, reference.target) and X.min() == 0 and X.max() == 1


def test_split_is_seeded_disjoint_and_complete():
    X, y = np.arange(20.0).reshape(10, 2), np.arange(10)
    a, b = train_test_split(X, y, 3, seed=1), train_test_split(X, y, 3, seed=1)
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    assert sorted(np.concatenate([a.y_train, a.y_test])) == list(range(10)) and len(a.y_test) == 3
    assert np.array_equal(a.X_train[:, 0] / 2, a.y_train)  # rows stay with their labels
    with pytest.raises(ValueError, match="n_test must be smaller than the number of examples"):
        train_test_split(X, y, 10)


def test_bag_of_words_has_rare_informative_words():
    X, y = bag_of_words(400, vocab_size=500, words_per_doc=20, n_informative=10, seed=0)
    assert X.shape == (400, 500) and set(y) == {0, 1} and y.sum() == 200
    assert np.allclose(X.sum(axis=1), 1.0)  # word frequencies
    positive, negative = X[:, -10:], X[:, -20:-10]
    assert positive[y == 0].sum() == 0 and negative[y == 1].sum() == 0
    docs_per_word = (X[:, -20:] > 0).mean(axis=0)
    assert docs_per_word.max() < 0.1  # each informative word is in few documents
    assert (X[:, 0] > 0).mean() > 0.5  # the commonest word is in most
    with pytest.raises(ValueError, match="informative_rate must be a number in \\[0, 1\\], got 2"):
        bag_of_words(10, informative_rate=2)


def test_minibatches_visit_every_example_once_per_epoch():
    batches = minibatches(10, 3, np.random.default_rng(0))
    epoch = np.concatenate([next(batches) for _ in range(3)])
    assert len(set(epoch)) == 9  # 3 batches of 3, the short fourth skipped
    with pytest.raises(ValueError, match="batch_size must be at most the number of examples"):
        next(minibatches(2, 3, np.random.default_rng(0)))


def test_train_records_losses_and_is_reproducible(capsys):
    X, y = adamlib.gaussian_blobs(30, 4, 3, seed=0)
    model = adamlib.SoftmaxRegression(4, 3)
    runs = [adamlib.train(model, model.init_params(), adamlib.SGD(lr=0.5), (X, y), steps=50,
                          batch_size=16, seed=3) for _ in range(2)]
    assert np.array_equal(runs[0].losses, runs[1].losses) and runs[0].state.t == 50
    assert runs[0].losses[0] == pytest.approx(np.log(3)) and runs[0].losses[-5:].mean() < 0.5
    full = adamlib.train(model, model.init_params(), adamlib.SGD(lr=0.5), (X, y), steps=3)
    assert full.losses[0] == pytest.approx(model.loss(model.init_params(), X, y))
    assert capsys.readouterr().err == ""  # quick runs print no progress
    adamlib.train(model, model.init_params(), adamlib.SGD(lr=0.5), (X, y), steps=3, progress=True)
    assert "step 3/3" in capsys.readouterr().err


def test_train_refuses_misaligned_data():
    model = adamlib.SoftmaxRegression(2, 2)
    with pytest.raises(ValueError, match="one row per example"):
        adamlib.train(model, model.init_params(), adamlib.SGD(lr=1), (np.zeros((3, 2)), np.zeros(2, int)), 1)
    with pytest.raises(ValueError, match="data must be a non-empty tuple"):
        adamlib.train(model, model.init_params(), adamlib.SGD(lr=1), np.zeros((3, 2)), 1)
