"""What one pretraining chain cost, per seed, from its records.

    python tools/benchmarks/results.py cost CONFIG [CONFIG ...]

For every seed recorded for a pretraining config (``run_benchmark.py``),
sums the training wall-clock of the pretraining and of each trained
downstream job (fine-tuning, linear probe), as each record's ``time.txt``
gives it (``train wall-clock seconds``). Tests and retrieval are not timed
by the records, so the sum is a lower bound of the chain's cost; jobs with
no timing are counted and named, never guessed. The numbers are as measured:
a run that shared the cores with other work reads slower.
"""
from typing import Dict, List

import records as rec


def seed_costs(pretrain_config: str, root: str = '.') -> Dict[int, dict]:
    """``{seed: {'pretrain': s, 'downstream': s, 'untimed': [run names]}}``
    (seconds) over the seeds whose pretraining is recorded."""
    out: Dict[int, dict] = {}
    # load_jobs lists the pretext job first: its seeds open the entries
    for job in rec.load_jobs(pretrain_config):
        for r in rec.read_seed_records(job, root):
            secs = r.get('train_seconds')
            if job['task'] == 'pretext':
                out[r['seed']] = dict(
                    pretrain=secs, downstream=0, untimed=[], jobs=0)
            elif r['seed'] not in out or \
                    job['task'] not in rec.TRAINED_TASKS:
                continue
            else:
                out[r['seed']]['jobs'] += 1
                if secs is not None:
                    out[r['seed']]['downstream'] += secs
            if secs is None:
                out[r['seed']]['untimed'].append(job['run_name'])
    return out


def _minutes(secs) -> str:
    return '-' if secs is None else f'{secs / 60:.1f}'


def render(pretrain_config: str, root: str = '.') -> str:
    """A Markdown table of the config's cost per seed and their sum."""
    costs = seed_costs(pretrain_config, root)
    lines = [
        f'{rec.config_name(pretrain_config)}: training wall-clock per seed '
        '(minutes, from the records\' time.txt; tests not timed)', '',
        '| seed | pretraining | trained downstream jobs | chain |',
        '| --- | :-: | :-: | :-: |'
    ]
    totals: List[float] = []
    for seed in sorted(costs):
        c = costs[seed]
        chain = None if c['pretrain'] is None else \
            c['pretrain'] + c['downstream']
        if chain is not None:
            totals.append(chain)
        lines.append(f'| {seed} | {_minutes(c["pretrain"])} | '
                     f'{_minutes(c["downstream"])} ({c["jobs"]} jobs) | '
                     f'{_minutes(chain)} |')
    if totals:
        lines.append(f'| all {len(totals)} | | | {_minutes(sum(totals))} |')
    untimed = sorted({u for c in costs.values() for u in c['untimed']})
    if untimed:
        lines += [
            '', 'not timed (left out of the sums): ' + ', '.join(untimed)
        ]
    if not costs:
        lines += ['', 'no recorded pretraining']
    return '\n'.join(lines)
