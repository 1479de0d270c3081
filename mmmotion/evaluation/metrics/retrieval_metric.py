"""Nearest-neighbour clip retrieval and kNN classification as a metric."""
from typing import Any, Dict, List, Optional, Sequence

import torch
from mmengine.evaluator import BaseMetric
from mmengine.logging import print_log

from mmmotion.evaluation.functional.retrieval import knn_classify, recall_at_k
from mmmotion.registry import METRICS
from mmmotion.utils.data_sample import sample_field

SPLITS = ('query', 'gallery')


@METRICS.register_module()
class RetrievalMetric(BaseMetric):
    """R@k retrieval and kNN top-1 from pooled clip features.

    The standard self-supervised video protocol (e.g. Xu et al., CVPR 2019):
    each test video (query) looks up the training videos (gallery) by
    cosine similarity of its feature; R@k is the fraction of queries with a
    video of their class among the k nearest. kNN classification: the k
    nearest gallery videos vote, weighted by ``exp(sim / 0.07)`` (ours, after
    Wu et al., CVPR 2018); reported as top-1 and mean class accuracy.

    Every data sample needs ``feature`` (``FeatureExtractor`` attaches it),
    ``gt_label`` and ``retrieval_split`` (``'query'`` or ``'gallery'``;
    the ``RetrievalSplit`` transform sets it, one per dataset of a
    ``ConcatDataset``, see ``configs/_base_/benchmarks/``).

    Args:
        ks (Sequence[int]): The k of R@k. Defaults to ``(1, 5, 10, 20, 50)``.
        knn_k (int): Neighbours of the kNN classifier. Defaults to 20.
        temperature (float): Temperature of the kNN votes. Defaults to 0.07.
        collect_device (str): Device used to gather results across ranks,
            ``'cpu'`` or ``'gpu'``. Defaults to ``'cpu'``.
        prefix (str, optional): Prefix of the metric names in the evaluation
            results. Defaults to None (``default_prefix``, ``'retrieval'``).
    """

    default_prefix: Optional[str] = 'retrieval'

    def __init__(self,
                 ks: Sequence[int] = (1, 5, 10, 20, 50),
                 knn_k: int = 20,
                 temperature: float = 0.07,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.ks = tuple(ks)
        self.knn_k = knn_k
        self.temperature = temperature

    def process(self, data_batch: Any, data_samples: Sequence[Any]) -> None:
        for i, sample in enumerate(data_samples):
            feat = sample_field(sample, 'feature')
            label = sample_field(sample, 'gt_label')
            split = sample_field(sample, 'retrieval_split')
            if feat is None or label is None or split not in SPLITS:
                raise KeyError(
                    f'RetrievalMetric: data sample {i} needs feature, '
                    f'gt_label and retrieval_split in {SPLITS} (got split '
                    f'{split!r}): evaluate a FeatureExtractor on datasets '
                    'tagged by the RetrievalSplit transform')
            self.results.append(
                dict(
                    feature=torch.as_tensor(feat).detach().cpu().float(),
                    label=int(torch.as_tensor(label).reshape(-1)[0]),
                    split=split))

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        parts = {s: [r for r in results if r['split'] == s] for s in SPLITS}
        for s in SPLITS:
            if not parts[s]:
                raise ValueError(f'RetrievalMetric: no {s} samples among '
                                 f'{len(results)}')
        q = torch.stack([r['feature'] for r in parts['query']])
        ql = torch.tensor([r['label'] for r in parts['query']])
        g = torch.stack([r['feature'] for r in parts['gallery']])
        gl = torch.tensor([r['label'] for r in parts['gallery']])
        m = recall_at_k(q, ql, g, gl, self.ks)
        num_classes = int(max(ql.max(), gl.max())) + 1
        pred = knn_classify(q, g, gl, num_classes, self.knn_k,
                            self.temperature).argmax(1)
        m['knn_top1'] = (pred == ql).float().mean().item()
        per_class = [(pred[ql == c] == c).float().mean().item()
                     for c in ql.unique()]
        m['knn_mean_class'] = sum(per_class) / len(per_class)
        print_log(
            f'Retrieval: {len(q)} queries, {len(g)} gallery clips; ' +
            ', '.join(f'{k} {v:.4f}' for k, v in m.items()),
            logger='current')
        return m
