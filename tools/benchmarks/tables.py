"""The one writer of Markdown tables from records: number formats, cells
that link to their logs (mean +- std of the seeds, where there are several),
the benchmark table of a method README, the tables of recorded runs, and the
generated blocks they fill in a README.

A README holds generated blocks between markers::

    <!-- benchmark-table:begin (tools/benchmarks/run_benchmark.py) -->
    ...
    <!-- benchmark-table:end -->
    <!-- results-table:begin NAME -->
    ...
    <!-- results-table:end NAME -->

The benchmark table comes from ``benchmark_results.json``; a results table
from the spec ``Tables: NAME:`` in the method's ``metafile_extra.yml``:

- ``runs: GLOB``, ``metrics: [KEY, ...]`` (optional ``percent``,
  ``digits``): one row per recorded run under ``logs/`` whose name matches,
  with its training time (``also: [FOLDER, ...]`` adds runs recorded
  elsewhere, relative to the config folder);
- ``columns: [{heading, digits, percent}, ...]``, ``rows: [{label, run,
  runs, cells, links}, ...]`` (optional ``head``, ``links``): rows named by
  hand, each cell a template over metrics of recorded runs
  (:func:`_fill`), ``null`` for none.
"""
import os.path as osp
import re
from typing import Dict, List, Optional, Sequence

import records as rec

# the columns of the generated benchmark table: (task, metric key, heading)
TABLE_COLUMNS = (
    ('fine-tune', 'acc/top1', 'fine-tuned top-1'),
    ('linear-probe', 'acc/top1', 'linear probe top-1'),
    ('retrieval', 'retrieval/R@1', 'R@1'),
    ('retrieval', 'retrieval/R@5', 'R@5'),
    ('retrieval', 'retrieval/knn_top1', 'kNN top-1'),
)
BEGIN = '<!-- benchmark-table:begin (tools/benchmarks/run_benchmark.py) -->'
END = '<!-- benchmark-table:end -->'


def is_percent(key: str) -> bool:
    """Accuracies and recalls are shown in percent."""
    return key.startswith(('acc/', 'retrieval/')) or key.endswith('top1')


def format_metric(key: str, v: float) -> str:
    """Accuracies and recalls in percent, other metrics as they are."""
    if is_percent(key):
        return f'{v * 100:.2f}'
    return f'{v:.4f}' if abs(v) < 10 else f'{v:.2f}'


def with_std(text: str, std_text: Optional[str], n: int) -> str:
    """``mean``, or ``mean +- std (n=N)`` for several seeds."""
    if n > 1:
        return f'{text} ± {std_text} (n={n})'
    return text


def metric_text(run: dict, key: str, fmt) -> str:
    """A run's metric, formatted by ``fmt``, with its seeds' std."""
    v = run['metrics'][key]
    n = run.get('n', 1)
    std = fmt(run['std'][key]) if n > 1 else None
    return with_std(fmt(v), std, n)


def link(text: str, target: str, base: str) -> str:
    """``[text](target relative to base)``."""
    return f'[{text}]({rec.norm(osp.relpath(target, base))})'


def benchmark_cell(job: Optional[dict], key: str, readme_dir: str) -> str:
    """A benchmark-table cell: the metric, linked to its log folder."""
    if job is None or key not in job['metrics']:
        return '-'
    text = metric_text(job, key, lambda v: format_metric(key, v))
    log = job.get('log_dir') or job['folds'][0]['log_dir']
    if job.get('fold') == 'mean':
        log = osp.dirname(log)
        text = f'{text} (mean of {len(job["folds"])})'
    return link(text, log, readme_dir)


def render_benchmark_table(data: dict,
                           readme_dir: str,
                           pretext_keys: Optional[Sequence[str]] = None,
                           superseded: Optional[dict] = None) -> str:
    """Markdown: one row per (pretraining, protocol); pretext metrics first.

    A pretraining named in ``superseded`` (``Superseded:`` of
    ``metafile_extra.yml``: name -> what replaces it and why) is marked so
    in its row; its numbers and logs stay."""
    pretext_keys = list(pretext_keys or [])
    superseded = superseded or {}
    head = (['pretraining', 'protocol'] + pretext_keys +
            [c[2] for c in TABLE_COLUMNS])
    lines = [
        '| ' + ' | '.join(head) + ' |',
        '| --- | --- |' + ' :-: |' * (len(head) - 2)
    ]
    for name in sorted(data):
        jobs = data[name]['jobs']
        pretext = next((j for j in jobs if j['task'] == 'pretext'), None)
        protocols = sorted({j['protocol'] for j in jobs if j['protocol']})
        for p in protocols:
            label = f'{name} (superseded)' if name in superseded else name
            cells = [label, rec.PROTOCOLS[p]]
            cells += [
                benchmark_cell(pretext, k, readme_dir) for k in pretext_keys
            ]
            for task, key, _ in TABLE_COLUMNS:
                job = next((j for j in jobs
                            if j['task'] == task and j['protocol'] == p), None)
                cells.append(benchmark_cell(job, key, readme_dir))
            lines.append('| ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def train_minutes(run: dict) -> Optional[float]:
    """A run's training time in minutes, the mean over its seeds, or None
    when its ``time.txt`` gives none."""
    secs = [
        s['train_seconds'] for s in run.get('seeds', [run])
        if 'train_seconds' in s
    ]
    return sum(secs) / len(secs) / 60 if secs else None


def _minutes(run: dict) -> str:
    m = train_minutes(run)
    return '' if m is None else f'{m:.1f} min'


def render_runs_table(config_dir: str, spec: dict) -> str:
    """One row per recorded run of ``config_dir`` matching ``spec['runs']``:
    its metrics and its training time (the mean over seeds)."""
    metrics = spec['metrics']
    percent = spec.get('percent', False)
    digits = spec.get('digits', 2)
    folders = [
        osp.join('logs', n) for n in rec.run_folders(config_dir, spec['runs'])
    ]
    if not folders:
        raise ValueError(f'no recorded runs match {spec["runs"]!r} under '
                         f'{config_dir}/logs')
    folders += list(spec.get('also', []))  # runs recorded elsewhere
    lines = [
        '| run | ' + ' | '.join(metrics) + ' | training time |',
        '| --- |' + ' :-: |' * (len(metrics) + 1)
    ]
    for rel in folders:
        name = osp.basename(rel)
        folder = osp.join(config_dir, rel)
        run = rec.read_run(folder)
        if run is None:
            raise ValueError(f'{config_dir}: {rel} holds no record')
        missing = [k for k in metrics if k not in run['metrics']]
        if missing:
            raise KeyError(f'{folder}/test_metrics.json has no {missing}; it '
                           f'has {sorted(run["metrics"])}')

        def fmt(v):
            return f'{v * 100 if percent else v:.{digits}f}'

        cells = ' | '.join(metric_text(run, k, fmt) for k in metrics)
        lines.append(f'| [{name}]({rec.norm(rel)}) | {cells} | '
                     f'{_minutes(run)} |')
    return '\n'.join(lines)


_PLACEHOLDER = re.compile(r'\{([^{}]+)\}')


def _fill(template: str, runs: Dict[str, dict], folders: Dict[str, str],
          column: dict, config_dir: str) -> str:
    """A cell template with its placeholders replaced.

    ``{KEY}`` is a metric of the row's ``run``, ``{NAME:KEY}`` one of
    ``runs[NAME]``; ``KEY`` ``minutes`` is the training time,
    ``last_val/KEY`` the last validation in ``train.log``, and
    ``{mean:KEY}`` the mean over the row's named ``runs`` (folds). A suffix
    ``:FORMAT`` (Python format spec; a leading ``%`` for percent) overrides
    the column's ``digits`` / ``percent``. A cell that is one placeholder
    links to its run's folder.
    """
    used = []

    def one(m):
        parts = m.group(1).split(':')
        name = parts.pop(0) if len(parts) > 1 and parts[0] in runs else ''
        if parts[0] == 'mean' and len(parts) > 1:
            parts = ['mean:' + parts[1]] + parts[2:]
        key, spec = parts[0], (parts[1] if len(parts) > 1 else None)
        percent = column.get('percent', False)
        fmt = f'.{column.get("digits", 4)}f'
        if spec:
            percent, fmt = spec.startswith('%'), spec.lstrip('%')
        if name == '' and key.startswith('mean:'):
            # the mean over the row's named runs (the folds), as the
            # benchmark tables take it (records.mean_over_folds: with
            # several seeds, their std too)
            key = key[5:]
            folds = [
                dict(r, task='row', protocol=None, fold=k)
                for k, r in runs.items() if k != ''
            ]
            if not folds:
                raise ValueError(f'{config_dir}: table cell {template!r} '
                                 'needs named runs')
            (mean, ) = rec.mean_over_folds(folds)
            if key not in mean['metrics']:
                raise KeyError(f'{config_dir}: not every run of '
                               f'{template!r} has {key}')
            return metric_text(
                mean, key, lambda v: format(v * 100 if percent else v, fmt))
        if name not in runs:
            raise ValueError(f'{config_dir}: table cell {template!r} needs '
                             'a run')
        run = runs[name]
        used.append(name)
        if key.startswith('last_val/'):
            # the last validation of every recorded seed (the run's folder
            # and its seedN folders): their mean, +- std (n) for several
            vals = [
                _value(run, key, f)
                for f in rec._folders(folders[name]) if rec.last_validation(f)
            ] or [_value(run, key, folders[name])]
            mean, std = rec.mean_std(vals)

            def f(v):
                return format(v * 100 if percent else v, fmt)

            return with_std(
                f(mean),
                f(std) if len(vals) > 1 else None, len(vals))
        if key == 'minutes':
            m = train_minutes(run)
            if m is None:
                raise KeyError(f'{folders[name]}/time.txt has no training '
                               'time')
            return format(m, spec or '.1f')
        if key not in run['metrics']:
            raise KeyError(f'{folders[name]}/test_metrics.json has no {key}')
        return metric_text(run, key,
                           lambda v: format(v * 100 if percent else v, fmt))

    text = _PLACEHOLDER.sub(one, template)
    if _PLACEHOLDER.fullmatch(template) and used:
        return link(text, folders[used[0]], config_dir)
    return text


def _value(run: dict, key: str, folder: str) -> float:
    """A run's metric; ``last_val/KEY`` is KEY of the last validation in
    its ``train.log``."""
    if key.startswith('last_val/'):
        vals = rec.last_validation(folder)
        if key[9:] not in vals:
            raise KeyError(f'{folder}/train.log has no validation of '
                           f'{key[9:]}')
        return vals[key[9:]]
    if key not in run['metrics']:
        raise KeyError(f'{folder}/test_metrics.json has no {key}')
    return run['metrics'][key]


def render_rows_table(config_dir: str, spec: dict) -> str:
    """Rows named in the spec, each cell a template over recorded runs (see
    :func:`_fill`); ``links`` adds a column of links to log files."""
    columns = [
        c if isinstance(c, dict) else dict(heading=c) for c in spec['columns']
    ]
    head = [spec.get('head', 'run')] + [c['heading'] for c in columns]
    if spec.get('links'):
        head.append(spec['links'])
    lines = [
        '| ' + ' | '.join(head) + ' |', '| --- |' + ' :-: |' * len(columns) +
        (' --- |' if spec.get('links') else '')
    ]
    for row in spec['rows']:
        folders = dict(row.get('runs') or {})
        if row.get('run'):
            folders[''] = row['run']
        folders = {k: osp.join(config_dir, v) for k, v in folders.items()}
        runs = {}
        for k, f in folders.items():
            runs[k] = rec.read_run(f)
            if runs[k] is None:
                raise ValueError(f'{config_dir}: table row '
                                 f'{row["label"]!r}: {f} holds no record')
        cells = [_fill(row['label'], runs, folders, {}, config_dir)]
        for col, t in zip(columns, row['cells']):
            cells.append('-' if t is None else _fill(
                str(t), runs, folders, col, config_dir))
        if spec.get('links'):
            cells.append(', '.join(
                link(text, osp.join(config_dir, target), config_dir)
                for text, target in (row.get('links') or {}).items()))
        lines.append('| ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def render_spec(config_dir: str, spec: dict) -> str:
    """A results table from its spec (see the module docstring)."""
    if 'runs' in spec:
        return render_runs_table(config_dir, spec)
    return render_rows_table(config_dir, spec)


def _markers(name: str):
    return (f'<!-- results-table:begin {name} -->',
            f'<!-- results-table:end {name} -->')


def replace_block(text: str,
                  table: str,
                  readme: str,
                  begin: str = BEGIN,
                  end: str = END) -> str:
    """``text`` with the block between ``begin`` and ``end`` replaced."""
    if begin not in text or end not in text:
        kind = 'benchmark table' if begin == BEGIN else 'results-table'
        raise ValueError(f'{readme} has no {kind} markers ({begin} ... '
                         f'{end})')
    pre, rest = text.split(begin, 1)
    _, post = rest.split(end, 1)
    return f'{pre}{begin}\n{table}\n{end}{post}'


def fill_readme(text: str, readme: str, benchmark: Optional[str],
                tables: Dict[str, str]) -> str:
    """Every generated block of a README filled in."""
    if benchmark is not None:
        text = replace_block(text, benchmark, readme)
    for name, table in tables.items():
        text = replace_block(text, table, readme, *_markers(name))
    return text


def spec_names_in(text: str) -> List[str]:
    """The results-table blocks a README holds."""
    import re
    return re.findall(r'<!-- results-table:begin (\S+) -->', text)
