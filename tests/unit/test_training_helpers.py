import random

import torch

from nlp.training.train import _batches, positive_weights


def test_positive_weights_favour_rare_labels_within_a_cap() -> None:
    values = torch.tensor([[1.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [1.0, 1.0]])
    known = torch.tensor([[1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 0.0]])
    weights = positive_weights(values, known, cap=5.0)
    assert torch.allclose(weights, torch.tensor([(3 / 2) ** 0.5, 2.0]))  # the masked positive is not counted
    assert positive_weights(torch.zeros(4, 1), torch.ones(4, 1), cap=1.5).item() == 1.5


def test_masked_rows_do_not_count_as_negatives() -> None:
    values = torch.tensor([[1.0], [0.0], [0.0]])
    known = torch.tensor([[1.0], [1.0], [0.0]])
    assert positive_weights(values, known).item() == 1.0


def test_batches_cover_every_row_once_with_similar_lengths() -> None:
    lengths = [random.Random(i).randint(1, 100) for i in range(1000)]
    batches = _batches(list(range(1000)), lengths, 32, random.Random(0))
    assert sorted(i for b in batches for i in b) == list(range(1000))
    spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches) / len(batches)
    assert spread < 20
