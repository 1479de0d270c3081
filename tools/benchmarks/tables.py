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
  with its training time;
- ``columns: [HEADING, ...]``, ``rows: [{label, run, metrics}, ...]``
  (optional ``digits``, ``percent`` per column, ``head``): rows named by
  hand, each cell a metric of a recorded run, ``-`` for none.
"""
import os.path as osp
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


def render_benchmark_table(data: dict, readme_dir: str,
                           pretext_keys: Optional[Sequence[str]] = None
                           ) -> str:
    """Markdown: one row per (pretraining, protocol); pretext metrics first."""
    pretext_keys = list(pretext_keys or [])
    head = (['pretraining', 'protocol'] + pretext_keys +
            [c[2] for c in TABLE_COLUMNS])
    lines = ['| ' + ' | '.join(head) + ' |',
             '| --- | --- |' + ' :-: |' * (len(head) - 2)]
    for name in sorted(data):
        jobs = data[name]['jobs']
        pretext = next((j for j in jobs if j['task'] == 'pretext'), None)
        protocols = sorted({j['protocol'] for j in jobs if j['protocol']})
        for p in protocols:
            cells = [name, rec.PROTOCOLS[p]]
            cells += [benchmark_cell(pretext, k, readme_dir)
                      for k in pretext_keys]
            for task, key, _ in TABLE_COLUMNS:
                job = next((j for j in jobs if j['task'] == task
                            and j['protocol'] == p), None)
                cells.append(benchmark_cell(job, key, readme_dir))
            lines.append('| ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def _minutes(run: dict) -> str:
    secs = [s['train_seconds'] for s in run.get('seeds', [run])
            if 'train_seconds' in s]
    if not secs:
        return ''
    return f'{sum(secs) / len(secs) / 60:.1f} min'


def render_runs_table(config_dir: str, spec: dict) -> str:
    """One row per recorded run of ``config_dir`` matching ``spec['runs']``:
    its metrics and its training time (the mean over seeds)."""
    metrics = spec['metrics']
    percent = spec.get('percent', False)
    digits = spec.get('digits', 2)
    names = rec.run_folders(config_dir, spec['runs'])
    if not names:
        raise ValueError(f'no recorded runs match {spec["runs"]!r} under '
                         f'{config_dir}/logs')
    lines = ['| run | ' + ' | '.join(metrics) + ' | training time |',
             '| --- |' + ' :-: |' * (len(metrics) + 1)]
    for name in names:
        folder = osp.join(config_dir, 'logs', name)
        run = rec.read_run(folder)
        missing = [k for k in metrics if k not in run['metrics']]
        if missing:
            raise KeyError(f'{folder}/test_metrics.json has no {missing}; it '
                           f'has {sorted(run["metrics"])}')

        def fmt(v):
            return f'{v * 100 if percent else v:.{digits}f}'

        cells = ' | '.join(metric_text(run, k, fmt) for k in metrics)
        lines.append(f'| [{name}](logs/{name}) | {cells} | {_minutes(run)} |')
    return '\n'.join(lines)


def render_rows_table(config_dir: str, spec: dict) -> str:
    """Rows named in the spec, each cell a metric of a recorded run."""
    columns = spec['columns']
    n = len(columns)
    digits = spec.get('digits', [4] * n)
    percent = spec.get('percent', [False] * n)
    head = spec.get('head', 'run')
    lines = [f'| {head} | ' + ' | '.join(columns) + ' |',
             '| --- |' + ' :-: |' * n]
    for row in spec['rows']:
        cells = []
        folder = osp.join(config_dir, row['run']) if row.get('run') else None
        run = rec.read_run(folder) if folder else None
        if folder and run is None:
            raise ValueError(f'{config_dir}: table row {row["label"]!r}: '
                             f'{folder} holds no record')
        for i, key in enumerate(row.get('metrics', [None] * n)):
            if key is None or run is None:
                cells.append('-')
                continue
            if key not in run['metrics']:
                raise KeyError(f'{folder}/test_metrics.json has no {key}')

            def fmt(v, i=i):
                return f'{v * 100 if percent[i] else v:.{digits[i]}f}'

            cells.append(link(metric_text(run, key, fmt), folder,
                              config_dir))
        lines.append(f'| {row["label"]} | ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def render_spec(config_dir: str, spec: dict) -> str:
    """A results table from its spec (see the module docstring)."""
    if 'runs' in spec:
        return render_runs_table(config_dir, spec)
    return render_rows_table(config_dir, spec)


def _markers(name: str):
    return (f'<!-- results-table:begin {name} -->',
            f'<!-- results-table:end {name} -->')


def replace_block(text: str, table: str, readme: str, begin: str = BEGIN,
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
