"""Atomic-flow prediction quality: codeword top-1 and end-point error, beside
the zero-motion and most-frequent-codeword baselines."""
from typing import Any, Dict, List, Optional, Sequence

import torch
from mmengine.evaluator import BaseMetric
from mmengine.logging import print_log

from mmmotion.registry import METRICS
from mmmotion.utils.data_sample import sample_field

_KEYS = ('pred_flow', 'pred_codes', 'target_flow', 'target_codes', 'zero_code',
         'codewords')


@METRICS.register_module()
class AtomicFlowMetric(BaseMetric):
    """Top-1 codeword accuracy and end-point error (EPE) of predicted patch
    flows on held-out clips (Luo et al., CVPR 2017; the metric is ours: the
    poster reports only downstream accuracy).

    Per patch and step: top-1 is whether the argmax codeword is the target's
    nearest codeword; EPE is the Euclidean norm of (expected flow under the
    predicted distribution - target patch flow), in the targets' units
    (pixels for dx, dy; ``depth_scale`` times depth units for dz). Values are
    means over all patches and steps of all clips, plus the EPE at each step
    (``epe_step{k}``), since later steps are harder.

    Baselines in the same output:

    - ``zero``: every patch predicted as the codeword nearest zero motion
      (top-1) / as zero flow (EPE);
    - ``most_frequent``: every patch predicted as the codeword most frequent
      among the evaluated targets themselves (so the baseline is chosen with
      the answers: an upper bound for any constant prediction's top-1).

    The model's ``predict`` must attach ``pred_flow`` (S, Hp, Wp, D),
    ``pred_codes`` and ``target_codes`` (S, Hp, Wp), ``target_flow``,
    ``zero_code`` and ``codewords`` (K, D), as ``AtomicFlowPredictor`` does.
    """

    default_prefix: Optional[str] = 'atomic_flow'

    def __init__(self,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)

    def process(self, data_batch: Any, data_samples: Sequence[Any]) -> None:
        for i, sample in enumerate(data_samples):
            vals = {k: sample_field(sample, k) for k in _KEYS}
            missing = [k for k, v in vals.items() if v is None]
            if missing:
                raise KeyError(
                    f'AtomicFlowMetric: data sample {i} has no '
                    f'{", ".join(missing)}: evaluate an AtomicFlowPredictor '
                    'on a pipeline with AtomicFlowTargets')
            pred = torch.as_tensor(vals['pred_flow']).double()
            target = torch.as_tensor(vals['target_flow']).double()
            if pred.shape != target.shape:
                raise ValueError(f'pred_flow {tuple(pred.shape)} and '
                                 f'target_flow {tuple(target.shape)} differ')
            codes = torch.as_tensor(vals['target_codes']).long()
            k = torch.as_tensor(vals['codewords']).shape[0]
            self.results.append(
                dict(
                    steps=pred.shape[0],
                    patches=codes[0].numel(),
                    correct=(torch.as_tensor(
                        vals['pred_codes']) == codes).sum().item(),
                    zero_correct=(codes == int(
                        vals['zero_code'])).sum().item(),
                    counts=torch.bincount(codes.flatten(), minlength=k),
                    epe_steps=(pred - target).norm(dim=-1).flatten(1).sum(1),
                    zero_epe=target.norm(dim=-1).sum().item(),
                    target=target.reshape(-1, target.shape[-1]),
                    codewords=torch.as_tensor(vals['codewords']).double()))

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        n = sum(r['steps'] * r['patches'] for r in results)
        if n == 0:
            raise ValueError('AtomicFlowMetric: no samples to evaluate')
        counts = sum(r['counts'] for r in results)
        mf = int(counts.argmax())
        cw = results[0]['codewords'][mf]
        epe_steps = sum(r['epe_steps'] for r in results) / (
            n / results[0]['steps'])
        m = dict(
            top1=sum(r['correct'] for r in results) / n,
            epe=float(epe_steps.mean()),
            zero_top1=sum(r['zero_correct'] for r in results) / n,
            zero_epe=sum(r['zero_epe'] for r in results) / n,
            most_frequent_top1=float(counts[mf]) / n,
            most_frequent_epe=float(
                sum((r['target'] - cw).norm(dim=-1).sum()
                    for r in results) / n))
        for s, v in enumerate(epe_steps.tolist()):
            m[f'epe_step{s + 1}'] = v
        print_log(self._table(m, len(results)), logger='current')
        return m

    @staticmethod
    def _table(m: Dict[str, float], num: int) -> str:
        rows = [('', 'top-1', 'EPE'),
                ('prediction', f'{m["top1"]:.4f}', f'{m["epe"]:.4f}'),
                ('zero motion', f'{m["zero_top1"]:.4f}',
                 f'{m["zero_epe"]:.4f}'),
                ('most frequent codeword', f'{m["most_frequent_top1"]:.4f}',
                 f'{m["most_frequent_epe"]:.4f}')]
        w0 = max(len(r[0]) for r in rows)
        return '\n'.join(
            [f'Atomic flow prediction on {num} clips:'] +
            [f'{r[0].ljust(w0)}  {r[1]:>8}  {r[2]:>8}' for r in rows])
