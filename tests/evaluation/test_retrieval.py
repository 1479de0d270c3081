"""Clip retrieval R@k and kNN classification on features."""
import pytest
import torch

from mmmotion.evaluation.functional import knn_classify, recall_at_k


def test_recall_on_known_neighbours():
    gallery = torch.tensor([[1., 0.], [0., 1.], [-1., 0.], [0., -1.]])
    gl = torch.tensor([0, 1, 2, 3])
    query = torch.tensor([[1., 0.1], [0.1, 1.], [0.9, -0.5]])
    ql = torch.tensor([0, 2, 3])
    r = recall_at_k(query, ql, gallery, gl, ks=(1, 2, 3, 10))
    # q0: its class is nearest (rank 1); q1: class 2 ranks 3rd (after
    # classes 1 and 0); q2: class 3 ranks 2nd
    assert r['R@1'] == pytest.approx(1 / 3)
    assert r['R@2'] == pytest.approx(2 / 3)
    assert r['R@3'] == 1.0
    assert r['R@10'] == 1.0  # k beyond the gallery: all of it


def test_knn_votes_and_errors():
    gallery = torch.tensor([[1., 0.], [0.9, 0.1], [0., 1.]])
    gl = torch.tensor([0, 0, 1])
    scores = knn_classify(torch.tensor([[1., 0.05]]), gallery, gl, 2, k=3)
    assert scores.argmax(1).item() == 0
    assert scores.sum().item() == pytest.approx(1)
    with pytest.raises(ValueError, match='NaN'):
        recall_at_k(
            torch.tensor([[float('nan'), 0.]]), torch.tensor([0]), gallery, gl)
    with pytest.raises(ValueError, match='one D'):
        recall_at_k(torch.ones(1, 3), torch.tensor([0]), gallery, gl)
