"""Nearest-neighbour clip retrieval and kNN classification on features.

The standard self-supervised video evaluations (e.g. Xu et al., CVPR 2019,
"Self-supervised spatiotemporal learning via video clip order prediction"):
every test clip queries the training clips by cosine similarity of pooled
backbone features; R@k is the fraction of queries with a clip of their class
among the k nearest. kNN classification votes the k nearest labels,
weighted by similarity (ours: weights exp(sim / temperature), as in Wu et
al., CVPR 2018, with temperature 0.07).
"""
from typing import Dict, Sequence

import torch
import torch.nn.functional as F
from torch import Tensor


def _check(q: Tensor, ql: Tensor, g: Tensor, gl: Tensor) -> None:
    if q.dim() != 2 or g.dim() != 2 or q.shape[1] != g.shape[1]:
        raise ValueError(f'features must be (N, D) with one D, got query '
                         f'{tuple(q.shape)} and gallery {tuple(g.shape)}')
    if ql.shape != (q.shape[0], ) or gl.shape != (g.shape[0], ):
        raise ValueError(f'labels must be (N,): query {tuple(ql.shape)} for '
                         f'{q.shape[0]} features, gallery {tuple(gl.shape)} '
                         f'for {g.shape[0]}')
    if g.shape[0] == 0 or q.shape[0] == 0:
        raise ValueError('empty query or gallery')
    if not (torch.isfinite(q).all() and torch.isfinite(g).all()):
        raise ValueError('features hold NaN or inf values')


def similarity(query: Tensor, gallery: Tensor) -> Tensor:
    """Cosine similarity ``(Nq, Ng)``."""
    return F.normalize(
        query.float(), dim=1) @ F.normalize(
            gallery.float(), dim=1).t()


def recall_at_k(
    query: Tensor,
    query_labels: Tensor,
    gallery: Tensor,
    gallery_labels: Tensor,
    ks: Sequence[int] = (1, 5, 10, 20, 50)
) -> Dict[str, float]:
    """``{'R@k': fraction}``: a query counts when one of its k nearest
    gallery clips has its class (k capped at the gallery size)."""
    _check(query, query_labels, gallery, gallery_labels)
    sim = similarity(query, gallery)
    kmax = min(max(ks), gallery.shape[0])
    idx = sim.topk(kmax, dim=1).indices  # (Nq, kmax), nearest first
    hit = gallery_labels[idx] == query_labels[:, None]
    first = torch.where(
        hit.any(1),
        hit.float().argmax(1), torch.full_like(query_labels, kmax))
    return {f'R@{k}': (first < min(k, kmax)).float().mean().item() for k in ks}


def knn_classify(query: Tensor,
                 gallery: Tensor,
                 gallery_labels: Tensor,
                 num_classes: int,
                 k: int = 20,
                 temperature: float = 0.07) -> Tensor:
    """Class scores ``(Nq, num_classes)`` from the k nearest gallery clips,
    each voting ``exp(sim / temperature)`` for its label."""
    _check(query, torch.zeros(query.shape[0], dtype=torch.long), gallery,
           gallery_labels)
    sim = similarity(query, gallery)
    k = min(k, gallery.shape[0])
    top, idx = sim.topk(k, dim=1)
    votes = torch.zeros(query.shape[0], num_classes)
    votes.scatter_add_(1, gallery_labels[idx], (top / temperature).exp())
    return votes / votes.sum(1, keepdim=True)
