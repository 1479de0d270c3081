"""``docs/results.md``: the three methods side by side on the same
protocols, from the recorded runs only (no hand-typed numbers);
``python tools/benchmarks/results.py page`` writes it.

Self-supervised rows: every pretraining in ``configs/*/benchmark_results.json``
(``tools/benchmarks/run_benchmark.py``), one row per protocol. Reference rows
(random initialisation, supervised from scratch) read the
``test_metrics.json`` named in ``REFERENCE_ROWS``; a fold protocol averages
its folds' files. A run not recorded shows as "not run". The one published
number (HON4D) is labelled as published. A run of several seeds shows their
mean +- std (n); a self-supervised cell that differs from the reference row
of its backbone (random initialisation, scratch; several seeds too) by less
than the larger std says "tie".
"""
import glob
import json
import os.path as osp

import metafile
import records as rec
import tables

R = 'configs/benchmarks/retrieval/logs/'
L = 'configs/benchmarks/linear_probe/logs/'
UD = ['fold1', 'fold2', 'fold3']

# protocol -> rows of (label, backbone, fine-tuned, linear probe, retrieval);
# each run is a log folder, or a list of fold folders (their mean)
REFERENCE_ROWS = {
    'msr-xsub': [
        ('random initialisation (no training)', 'ResNeXt3D-18 tiny', None,
         L + 'resnext18-tiny_random-init', R + 'resnext18-tiny_random-init'),
        ('supervised from scratch', 'ResNeXt3D-18 tiny',
         'configs/baselines/logs/i3d_resnext18-tiny_8x2x1-60e_'
         'msr-action3d-depth-64px', None,
         R + 'resnext18-tiny_supervised-scratch'),
        ('random initialisation (no training)', 'ConvLSTM tiny', None,
         L + 'convlstm-tiny_random-init', R + 'convlstm-tiny_random-init'),
        ('supervised from scratch', 'ConvLSTM tiny',
         'configs/baselines/logs/convlstm_convlstm-tiny_16x1x1-60e_'
         'msr-action3d-depth-64x48px', None, None),
        ('supervised from scratch, with a BatchNorm over the temporal '
         'ConvLSTM\'s outputs and scale jitter, 100 epochs (issue 17)',
         'ConvLSTM tiny', 'configs/baselines/logs/convlstm-bn-jitter_'
         'convlstm-tiny_16x1x1-100e_msr-action3d-depth-64x48px', None, None),
        ('the same with label smoothing 0.1 (issue 17)', 'ConvLSTM tiny',
         'configs/baselines/logs/convlstm-bn-jitter-ls_convlstm-tiny_'
         '16x1x1-100e_msr-action3d-depth-64x48px', None, None),
        ('the same with evenly spaced training frames (issue 17)',
         'ConvLSTM tiny', 'configs/baselines/logs/convlstm-bn-jitter-ls-even_'
         'convlstm-tiny_16x1x1-100e_msr-action3d-depth-64x48px', None, None),
        ('supervised from scratch',
         'R3D-18 (MMAction2, 32 base channels, 8.3M parameters)',
         'configs/baselines/logs/i3d_r3d18_16x1x1-100e_'
         'msr-action3d-depth-64px', None, None),
    ],
    'ud810-lopo': [
        ('random initialisation (no training)', 'ResNeXt3D-18 tiny', None,
         [L + f'resnext18-tiny_random-init_ud810-{f}' for f in UD
          ], [R + f'resnext18-tiny_random-init_ud810-{f}' for f in UD]),
        ('random initialisation (no training)', 'ConvLSTM tiny', None, None,
         [R + f'convlstm-tiny_random-init_ud810-{f}' for f in UD]),
        ('supervised from scratch', 'ResNeXt3D-18 tiny', [
            f'configs/baselines/logs/i3d_resnext18-tiny_8x2x1-60e_'
            f'ud810-{f}-rgb-64px' for f in UD
        ], None, None),
        ('supervised from scratch', 'ConvLSTM tiny', [
            f'configs/baselines/logs/convlstm_convlstm-tiny_16x1x1-60e_'
            f'ud810-{f}-rgb-64px' for f in UD
        ], None, None),
    ],
}
METHODS = {
    'dynamonet': 'DynamoNet FP pretraining',
    'coarse_to_fine_motion': 'coarse-to-fine motion pretraining',
    'atomic_flow': 'atomic-flow pretraining'
}


def backbone_label(root, config):
    """The pretraining config's backbone, named as in the reference rows."""
    from mmengine.config import Config
    if not osp.isfile(osp.join(root, config)):
        return '-'
    bb = Config.fromfile(osp.join(root, config)).model.backbone
    kind = bb.get('type')
    if kind == 'ResNeXt3D':
        tiny = ' tiny' if bb.get('base_width', 0) <= 16 else ''
        return f'ResNeXt3D-{bb.get("depth")}{tiny}'
    if kind == 'ResNet3d' and bb.get('depth') == 18:
        return (f'R3D-18 (MMAction2, {bb.get("base_channels", 64)} base '
                'channels)')
    if kind in ('ConvLSTMEncoder', 'PairwiseMotionBackbone'):
        return 'ConvLSTM tiny'
    return str(kind)


COLUMNS = (('ft', 'acc/top1'), ('lp', 'acc/top1'), ('ret', 'retrieval/R@1'),
           ('ret', 'retrieval/R@5'), ('ret', 'retrieval/knn_top1'))
TASK_KEY = {'fine-tune': 'ft', 'linear-probe': 'lp', 'retrieval': 'ret'}
ANCHOR = 88.9


def _reference(root, ref):
    """(run, link folder, folds) of a reference run, 'not run' or None; a
    fold protocol's run is the mean of its folds (``records``)."""
    if ref is None:
        return None
    folders = ref if isinstance(ref, list) else [ref]
    runs = [rec.read_run(osp.join(root, f)) for f in folders]
    if any(r is None for r in runs):
        return 'not run'
    link = folders[0] if len(folders) == 1 else osp.dirname(folders[0])
    if len(runs) == 1:
        return runs[0], link, 0
    for i, r in enumerate(runs):
        r.update(task='ref', protocol=None, fold=i + 1)
    (mean, ) = rec.mean_over_folds(runs)
    return mean, link, len(folders)


def _cell(run, key):
    if run is None:
        return '-'
    if run == 'not run':
        return 'not run'
    job, link, folds = run
    if key not in job['metrics']:
        raise KeyError(f'{link}/test_metrics.json has no {key}')
    text = tables.metric_text(job, key, lambda v: f'{100 * v:.2f}')
    if folds:
        text += f' (mean of {folds})'
    return f'[{text}](../{link})'


MIN_SEEDS = 3


def _seeds(runs) -> int:
    """The fewest seeds among a row's recorded cells (``MIN_SEEDS`` for a
    row with none)."""
    ns = [r[0].get('n', 1) for r in runs if isinstance(r, tuple)]
    return min(ns) if ns else MIN_SEEDS


def _side_table(intro, rows, extra=None):
    """Lines of a table listed apart from a protocol's main one: ``rows``
    of (label, backbone, ft, lp, ret, extra cell), the last column headed
    ``extra`` (none without)."""
    head = ('| model | backbone | fine-tuned top-1 | linear probe top-1 '
            '| R@1 | R@5 | kNN top-1 |')
    rule = '| --- | --- | :-: | :-: | :-: | :-: | :-: |'
    if extra:
        head, rule = head + f' {extra} |', rule + ' --- |'
    lines = [intro, '', head, rule]
    for label, backbone, ft, lp, ret, more in rows:
        runs = {'ft': ft, 'lp': lp, 'ret': ret}
        cells = [_cell(runs[k], key) for k, key in COLUMNS]
        if extra:
            cells.append(more)
        lines.append(f'| {label} | {backbone} | ' + ' | '.join(cells) + ' |')
    return lines + ['']


def _tie(run, key, refs):
    """`` (tie with REF)`` where this cell and a reference row's cell of
    the same column and backbone, both of several seeds, differ by less
    than the larger of their stds; else ''. ``refs``: (label, run)."""
    if not isinstance(run, tuple) or run[0].get('n', 1) < 2:
        return ''
    a = run[0]
    ties = []
    for label, ref in refs:
        if not isinstance(ref, tuple) or ref[0].get('n', 1) < 2:
            continue
        b = ref[0]
        if key in a['metrics'] and key in b['metrics'] and \
                abs(a['metrics'][key] - b['metrics'][key]) < max(
                    a['std'][key], b['std'][key]):
            ties.append(label)
    return f' (tie with {", ".join(ties)})' if ties else ''


def superseded(method_dir):
    """``Superseded:`` of a method's ``metafile_extra.yml``: pretraining
    name -> what replaces it and why (empty when none)."""
    extra = metafile.read_extra(osp.join(method_dir, 'metafile_extra.yml'))
    return extra.get('Superseded') or {}


def _benchmark_rows(root, protocol, old=False):
    """The self-supervised rows of ``protocol``: the current ones, or with
    ``old`` those a ``Superseded:`` entry replaces (label, backbone, ft,
    lp, ret, why)."""
    rows = []
    for path in sorted(
            glob.glob(
                osp.join(root, 'configs', '*', 'benchmark_results.json'))):
        method = osp.basename(osp.dirname(path))
        gone = superseded(osp.dirname(path))
        with open(path) as f:
            data = json.load(f)
        for name, entry in sorted(data.items()):
            if (name in gone) != old:
                continue
            runs = {}
            for job in entry['jobs']:
                if job['protocol'] != protocol:
                    continue
                # the first job of a task (the config's own recipe) when
                # a pretraining lists more than one
                if job.get('fold') == 'mean':
                    link = osp.dirname(job['folds'][0]['log_dir'])
                    runs.setdefault(TASK_KEY[job['task']],
                                    (job, link, len(job['folds'])))
                else:
                    runs.setdefault(TASK_KEY[job['task']],
                                    (job, job['log_dir'], 0))
            if runs:
                label = (f'{METHODS.get(method, method)}: '
                         f'[{name}](../{entry["pretraining_config"]})')
                rows.append(
                    (label, backbone_label(root, entry['pretraining_config']),
                     runs.get('ft'), runs.get('lp'), runs.get('ret'),
                     gone.get(name)))
    return rows


def render(root):
    lines = [
        '# Results: the three methods side by side',
        '',
        'Generated by `python tools/benchmarks/results.py page` from the '
        'recorded runs (each number links to its logs): the self-supervised '
        'rows from each method\'s `benchmark_results.json` '
        '(`tools/benchmarks/run_benchmark.py`), the reference rows from '
        'their logs. Trained on 2 CPU processes; a row of one seed shows its '
        'number, a row of several their mean ± std (n).',
        '',
        '- **fine-tuned**: the pretrained backbone trained end to end for '
        'recognition (the methods\' own fine-tuning configs), video-level '
        'top-1.',
        '- **linear probe**: the backbone frozen, a linear classifier trained '
        '(`configs/benchmarks/linear_probe`), top-1.',
        '- **retrieval**: test videos query the training videos by cosine '
        'similarity of pooled backbone features (`RetrievalMetric`), R@1 and '
        'R@5; **kNN**: 20 nearest training videos vote, top-1.',
        '',
    ]
    best = None
    notes = {
        'msr-xsub':
        '283 training and 273 test videos, 20 actions. One test '
        'video is 0.37 points; one seed leaves a standard error of about '
        '2.5-3 points.',
        'ud810-lopo':
        '27 videos (3 actions x 3 people x 3 trials); each '
        'fold tests one person (9 videos) after training on the other two; '
        'cells are the mean of the three folds. One test video is 11 points '
        'of a fold: these rows show the pipeline, they are not a benchmark.',
    }
    for protocol, title in rec.PROTOCOLS.items():
        lines += [
            f'## {title}', '', notes[protocol], '',
            '| model | backbone | fine-tuned top-1 | linear probe top-1 '
            '| R@1 | R@5 | kNN top-1 |',
            '| --- | --- | :-: | :-: | :-: | :-: | :-: |'
        ]
        rows = [(lbl, bb, *(_reference(root, r) for r in refs))
                for lbl, bb, *refs in REFERENCE_ROWS.get(protocol, [])]
        ssl = [r[:5] for r in _benchmark_rows(root, protocol)]
        # rows of fewer seeds are listed apart, neither ranked nor tied
        young = [r for r in rows + ssl if _seeds(r[2:5]) < MIN_SEEDS]
        rows = [r for r in rows if r not in young]
        ssl = [r for r in ssl if r not in young]
        for i, (label, backbone, ft, lp, ret) in enumerate(rows + ssl):
            runs = {'ft': ft, 'lp': lp, 'ret': ret}
            cells = [_cell(runs[k], key) for k, key in COLUMNS]
            if i >= len(rows):  # a self-supervised row: ties with its refs
                task = {'ft': 2, 'lp': 3, 'ret': 4}
                cells = [
                    c + _tie(runs[k], key, [(r[0], r[task[k]])
                                            for r in rows if r[1] == backbone])
                    for c, (k, key) in zip(cells, COLUMNS)
                ]
            lines.append(f'| {label} | {backbone} | ' + ' | '.join(cells) +
                         ' |')
        if protocol == 'msr-xsub':
            lines.append(
                '| published anchor: HON4D (Oreifej & Liu, CVPR 2013), '
                'hand-crafted 4D normals, **published number, not run here** '
                f'| - | {ANCHOR} | - | - | - | - |')
            for label, backbone, ft, _, _ in ssl:
                if ft and (best is None
                           or ft[0]['metrics']['acc/top1'] > best[1]):
                    best = (f'{label} ({backbone})',
                            ft[0]['metrics']['acc/top1'])
        lines.append('')
        if young:
            lines += _side_table(
                f'In progress on this protocol ({len(young)} '
                f'row{"s" if len(young) > 1 else ""}): fewer than '
                f'{MIN_SEEDS} seeds so far, so neither ranked nor compared '
                'with the rows above; their logs stay where the numbers '
                'link.', [r + (None, ) for r in young])
        old = _benchmark_rows(root, protocol, old=True)
        if old:
            lines += _side_table(
                f'Superseded on this protocol ({len(old)} '
                f'row{"s" if len(old) > 1 else ""}): replaced by the '
                'configs named in the last column, for the reason given '
                'there (most were pretrained on a sub-pixel protocol, see '
                'the README\'s "Motion budget"), on fewer seeds than the '
                'rows above; their logs stay where the numbers link.', old,
                'superseded by')
        if protocol == 'msr-xsub' and best is not None:
            lines += [
                f'Best self-supervised then fine-tuned on MSR Action3D: '
                f'{best[0]}, {100 * best[1]:.2f} top-1, '
                f'{ANCHOR - 100 * best[1]:.2f} points short of the HON4D '
                f'anchor ({ANCHOR}, published), trained on 2 CPU cores '
                '(wall-clock times in each run\'s time.txt).', ''
            ]
    reruns = sorted(
        glob.glob(osp.join(root, 'docs', 'reruns', '*', 'compare.md')))
    if reruns:
        lines += [
            '## Reruns: does one command reproduce the numbers?', '',
            'Each pretraining chain rerun from a freshly trained '
            'pretraining checkpoint (`run_benchmark.py --rerun '
            '--record-root`), its numbers beside the recorded ones '
            '(`tools/benchmarks/results.py compare`); the rerun\'s logs '
            'sit beside the table.', ''
        ]
        for path in reruns:
            with open(path) as f:
                lines += [
                    f'From [{osp.relpath(path, osp.join(root, "docs"))}]'
                    f'({osp.relpath(path, osp.join(root, "docs"))}):', '',
                    f.read().strip(), ''
                ]
    return '\n'.join(lines)
