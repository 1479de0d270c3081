"""The codeword histogram of atomic-flow codebooks (issue 17: report the
targets' statistics).

    python tools/analysis/codebook_histogram.py CODEBOOK.npz [...] \
        [--lam 0.5]

A k-means codebook file (``tools/data/fit_codebook.py``) keeps each
codeword's frequency among the training targets it was fitted on, the
paper's ``p``. For each file, one line per codeword, most frequent first:
its motion (``dx, dy`` in pixels at the pipeline's resolution and, for 3D
codebooks, ``dz`` in ``depth_scale`` units), its size ``|dx, dy|``, ``p`` as a
bar, and the weight that ``RebalancedCrossEntropyLoss`` gives it with
``--lam`` (Luo et al.'s ``w_k ~ ((1 - lam) p_k + lam / K)^-1``, scaled so
that ``sum_k p_k w_k = 1``). Then the share of the targets on codewords
that move less than half a pixel in ``dx, dy``.
"""
import argparse

import numpy as np
import torch

from mmmotion.models.losses.rebalanced_ce_loss import (_rebalancing_weights,
                                                       load_class_freq)


def histogram(path: str, lam: float = 0.5, width: int = 40) -> str:
    """The histogram of one codebook file as text."""
    z = np.load(path)
    if 'codewords' not in z or 'freqs' not in z:
        raise ValueError(f'{path}: not a codebook file with codewords and '
                         f'freqs (keys: {sorted(z.keys())})')
    cw = np.asarray(z['codewords'], dtype=np.float64)
    p = load_class_freq(path).double()
    p = p / p.sum()
    w = _rebalancing_weights(p, lam).numpy()
    p = p.numpy()
    size = np.linalg.norm(cw[:, :2], axis=1)
    comps = 'dx, dy' + (', dz' if cw.shape[1] == 3 else '')
    lines = [
        f'{path}: K = {len(cw)}, dim {cw.shape[1]} ({comps}), '
        f'rebalancing lambda {lam}',
        f'{"k":>3} {"codeword":>26} {"|dx,dy|":>8} {"p":>7} {"w":>7}  p'
    ]
    for k in np.argsort(-p):
        vec = ' '.join(f'{v:+.3f}' for v in cw[k])
        bar = '#' * int(round(p[k] / p.max() * width))
        lines.append(f'{k:>3} {vec:>26} {size[k]:8.3f} {p[k]:7.4f} '
                     f'{w[k]:7.2f}  {bar}')
    still = p[size < 0.5].sum()
    lines.append(f'share of the targets on codewords under 0.5 px in dx, dy: '
                 f'{still:.3f}; the most frequent codeword: {p.max():.3f}')
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('codebooks', nargs='+')
    parser.add_argument('--lam', type=float, default=0.5)
    args = parser.parse_args()
    torch.set_printoptions(precision=4)
    for path in args.codebooks:
        print(histogram(path, args.lam))
        print()


if __name__ == '__main__':
    main()
