"""The one reader of benchmark records: a pretraining config's
``downstream`` jobs, their recorded runs (one per seed), and the
machine-readable results file built from them.

A pretraining config lists its downstream evaluations (ours; mmpretrain keeps
them in separate benchmark configs, we keep the link in the pretraining
config so that one command finds them)::

    downstream = [
        dict(task='fine-tune', protocol='msr-xsub',
             config='configs/<method>/<fine-tuning config>.py',
             load='model.backbone.init_cfg.checkpoint'),
        dict(task='linear-probe', protocol='msr-xsub',
             config='configs/benchmarks/linear_probe/<config>.py',
             load='model.backbone.init_cfg.checkpoint',
             run_name='<row name>'),
        dict(task='retrieval', protocol='msr-xsub',
             config='configs/benchmarks/retrieval/<config>.py'),
    ]

A fine-tuning or linear-probe job trains, with its ``load`` option pointed at
the pretraining checkpoint (default: the config's ``downstream_load``, else
``model.backbone.init_cfg.checkpoint``), and is then tested; a retrieval job
only tests the pretraining checkpoint. Folds are best written as a loop::

    downstream = [
        dict(task=task, protocol='ud810-lopo', fold=f, config=cfg.format(f))
        for f in (1, 2, 3) for task, cfg in (...)]
 Every pretraining also has the implicit ``pretext`` job: its own
config tested on its checkpoint.

Where a run is recorded: ``<job config dir>/logs/<run name>/``
(``test_metrics.json``, ``test.log``, ``time.txt`` and, for trained jobs,
``train.log``). The run name defaults to the job config's name, or to the
pretraining's name for the shared configs under ``configs/benchmarks/``.
``time.txt`` names the config it was recorded for (a record made for another
config is refused) and the seed it ran with (``seed: N``).

Seeds: the run of seed 0 lives in ``logs/<run name>/`` itself (as every
record made before seeds were recorded, all trained with ``--seed 0``), the
run of seed N > 0 in ``logs/<run name>/seed<N>/``. The readers aggregate
the seeds of a job into their mean, their standard deviation (``std``,
sample standard deviation, n - 1) and their number (``n``); a job of one
seed reads exactly as before seeds existed.

Protocols with folds (ud810 leave-one-person-out) list one job per fold with
the same ``task`` and ``protocol`` and a ``fold``; the results file keeps each
fold and their mean.
"""
import glob
import json
import math
import os
import os.path as osp
import re
from typing import Dict, List, Optional

from mmmotion.utils.atomic_io import write_text_atomic

TASKS = ('pretext', 'fine-tune', 'linear-probe', 'retrieval')
# the tasks that train from the pretraining checkpoint, and the option that
# points them at it unless the entry (``load``) or the pretraining config
# (``downstream_load``) names another
TRAINED_TASKS = ('fine-tune', 'linear-probe')
DEFAULT_LOAD = 'model.backbone.init_cfg.checkpoint'
PROTOCOLS = {
    'msr-xsub': 'MSR Action3D cross-subject (depth)',
    'ud810-lopo': 'ud810 leave-one-person-out (RGB, mean of 3 folds)',
}
SEED_DIR = re.compile(r'^seed(\d+)$')
# configs renamed after their runs were recorded: {old path: new path}; a
# record names the config it ran (``time.txt``), which stays as it was
RENAMES_FILE = osp.join('configs', 'renames.yml')
_renames: Dict[str, Dict[str, str]] = {}


def renames(root: str = '.') -> Dict[str, str]:
    """``configs/renames.yml`` of the project at ``root`` ({old: new}),
    followed through chains of renames."""
    root = osp.abspath(root)
    if root not in _renames:
        path = osp.join(root, RENAMES_FILE)
        table = {}
        if osp.isfile(path):
            import yaml
            with open(path) as f:
                table = {
                    norm(k): norm(v)
                    for k, v in ((
                        yaml.safe_load(f) or {}).get('renames') or {}).items()
                }
        for k in list(table):
            seen = {k}
            while table[k] in table and table[k] not in seen:
                seen.add(table[k])
                table[k] = table[table[k]]
        _renames[root] = table
    return _renames[root]


def current_name(config: str) -> str:
    """A config path as it is named now (renamed configs followed)."""
    c = norm(config)
    return renames(_project_root()).get(c, c)


def _project_root() -> str:
    return osp.abspath(osp.join(osp.dirname(__file__), '..', '..'))


def config_name(path: str) -> str:
    """The config's name: its file name without ``.py``."""
    return osp.splitext(osp.basename(path))[0]


def norm(path: str) -> str:
    """``path`` normalised, with forward slashes."""
    return osp.normpath(path).replace(os.sep, '/')


def load_jobs(pretrain_config: str) -> List[dict]:
    """The pretraining config's jobs: the pretext test, then ``downstream``.

    Raises ``ValueError`` naming the config and the entry that is wrong.
    """
    from mmengine.config import Config
    cfg = Config.fromfile(pretrain_config)
    name = config_name(pretrain_config)
    jobs = [
        dict(
            task='pretext',
            protocol=None,
            config=norm(pretrain_config),
            load=None,
            fold=None,
            run_name=name)
    ]
    entries = cfg.get('downstream', None)
    if entries is None:
        raise ValueError(f'{pretrain_config} has no `downstream` list: it is '
                         'not a pretraining config with benchmark jobs')
    for i, e in enumerate(entries):
        where = f'{pretrain_config}: downstream[{i}]'
        unknown = set(e) - {
            'task', 'protocol', 'config', 'load', 'fold', 'run_name'
        }
        if unknown:
            raise ValueError(f'{where} has unknown keys {sorted(unknown)}')
        if e.get('task') not in TASKS[1:]:
            raise ValueError(f'{where}: task {e.get("task")!r} is not one '
                             f'of {TASKS[1:]}')
        if e.get('protocol') not in PROTOCOLS:
            raise ValueError(f'{where}: protocol {e.get("protocol")!r} is '
                             f'not one of {sorted(PROTOCOLS)}')
        if not osp.isfile(e.get('config', '')):
            raise ValueError(f'{where}: config {e.get("config")!r} does not '
                             'exist')
        shared = norm(e['config']).startswith('configs/benchmarks/')
        if e.get('run_name'):
            run_name = e['run_name']
        elif shared:  # one config, many pretrainings: named after ours
            run_name = name if not e.get('fold') else \
                f'{name}_fold{e["fold"]}'
        else:
            run_name = config_name(e['config'])
        load = e.get('load')
        if load is None and e['task'] in TRAINED_TASKS:
            load = cfg.get('downstream_load', DEFAULT_LOAD)
        jobs.append(
            dict(
                task=e['task'],
                protocol=e['protocol'],
                config=norm(e['config']),
                load=load,
                fold=e.get('fold'),
                run_name=run_name))
    seen = {}
    for j in jobs:
        key = record_dir(j)
        if key in seen:
            raise ValueError(f'{pretrain_config}: two jobs record into {key}'
                             ' (give one a run_name)')
        seen[key] = j
    return jobs


def record_dir(job: dict, root: str = '.', seed: Optional[int] = None) -> str:
    """The folder of ``job``'s record of ``seed`` (seed 0 and None: the
    job's folder itself; seed N: its ``seedN/``)."""
    d = osp.join(root, osp.dirname(job['config']), 'logs', job['run_name'])
    if seed:
        d = osp.join(d, f'seed{seed}')
    return norm(d)


def read_time_txt(path: str) -> Dict[str, str]:
    """The ``key: value`` lines of a record's ``time.txt`` (empty if none)."""
    out = {}
    if osp.isfile(path):
        with open(path) as f:
            for line in f:
                if ':' in line:
                    k, v = line.split(':', 1)
                    out[k.strip()] = v.strip()
    return out


def read_metrics(folder: str) -> Optional[dict]:
    """``<folder>/test_metrics.json``, or None when there is none."""
    path = osp.join(folder, 'test_metrics.json')
    if not osp.isfile(path):
        return None
    with open(path) as f:
        return json.load(f)


def recorded_config(folder: str) -> Optional[str]:
    """The config a record says it was made for (``time.txt``, or the
    ``checkpoint.txt`` of test-only reference rows), or None."""
    info = read_time_txt(osp.join(folder, 'time.txt'))
    if not info:
        info = read_time_txt(osp.join(folder, 'checkpoint.txt'))
    return info.get('config')


def _read_one(job: dict, folder: str) -> Optional[dict]:
    metrics_file = osp.join(folder, 'test_metrics.json')
    metrics = read_metrics(folder)
    if metrics is None:
        return None
    info = read_time_txt(osp.join(folder, 'time.txt'))
    recorded = recorded_config(folder)
    if recorded is not None and job['config'] is not None and \
            current_name(recorded) != norm(job['config']):
        raise ValueError(f'{metrics_file} was recorded for {recorded}, not '
                         f'for {job["config"]}: refusing to use it')
    rec = dict(
        task=job['task'],
        protocol=job['protocol'],
        config=job['config'],
        fold=job['fold'],
        log_dir=folder,
        metrics=metrics)
    m = SEED_DIR.match(osp.basename(folder))
    seed = info.get('seed')
    if m:
        if seed is not None and int(seed) != int(m.group(1)):
            raise ValueError(f'{folder}/time.txt says seed {seed}, its '
                             'folder another')
        seed = m.group(1)
    rec['seed'] = int(seed) if seed is not None else 0
    secs = info.get('train wall-clock seconds')
    # the oldest records give bash's `time`: "real 38m38s, user ..."
    old = re.match(r'real (\d+)m(\d+)s', info.get('train wall-clock', ''))
    if secs:
        rec['train_seconds'] = int(secs)
    elif old:
        rec['train_seconds'] = 60 * int(old.group(1)) + int(old.group(2))
    pre = info.get('pretrained checkpoint')
    if pre:
        rec['pretrained_checkpoint'] = pre
    sha = info.get('pretrained checkpoint sha256')
    if sha:
        rec['pretrained_sha256'] = sha
    return rec


def _folders(d: str) -> List[str]:
    """A record folder and its seed folders."""
    return [d] + sorted(
        p for p in glob.glob(osp.join(d, 'seed*'))
        if SEED_DIR.match(osp.basename(p)) and osp.isdir(p))


def _seed_records(job: dict, d: str) -> List[dict]:
    recs = [
        r for r in (_read_one(job, norm(f)) for f in _folders(d))
        if r is not None
    ]
    seeds = [r['seed'] for r in recs]
    if len(set(seeds)) != len(seeds):
        raise ValueError(f'{d}: two records of the same seed ({seeds})')
    return sorted(recs, key=lambda r: r['seed'])


def read_seed_records(job: dict, root: str = '.') -> List[dict]:
    """Every recorded seed of ``job``, by seed.

    Raises ``ValueError`` when a record was made for another config, or when
    two records claim the same seed.
    """
    return _seed_records(job, record_dir(job, root))


def mean_std(values: List[float]):
    """Mean and sample standard deviation (0 for one value)."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, 0.0
    return mean, math.sqrt(sum((v - mean)**2 for v in values) / (n - 1))


def aggregate_seeds(recs: List[dict]) -> Optional[dict]:
    """One record from the records of a job's seeds.

    One seed: that record, as it is. Several: ``metrics`` their mean,
    ``std`` their standard deviations, ``n`` their number, ``seeds`` the
    records. A metric that not every seed records (one added to the
    evaluator after the first seeds were recorded) is left out of the mean
    and listed in ``unshared``: a table cell asking for it fails, it does
    not show a mean of fewer seeds. ``log_dir`` is the job's folder (above
    the seed folders) either way.
    """
    if not recs:
        return None
    top = recs[0]['log_dir']
    if SEED_DIR.match(osp.basename(top)):
        top = norm(osp.dirname(top))
    if len(recs) == 1:
        return dict(recs[0], log_dir=top)
    keys = sorted(set.intersection(*(set(r['metrics']) for r in recs)))
    if not keys:
        raise ValueError(f'{top}: the seeds share no metric '
                         f'({[sorted(r["metrics"]) for r in recs]})')
    unshared = sorted(set().union(*(set(r['metrics'])
                                    for r in recs)) - set(keys))
    stats = {k: mean_std([r['metrics'][k] for r in recs]) for k in keys}
    out = {k: v for k, v in recs[0].items() if k not in ('metrics', 'seed')}
    out.update(
        log_dir=top,
        metrics={
            k: s[0]
            for k, s in stats.items()
        },
        std={
            k: s[1]
            for k, s in stats.items()
        },
        n=len(recs),
        seeds=recs)
    if unshared:
        out['unshared'] = unshared
    return out


def read_record(job: dict, root: str = '.') -> Optional[dict]:
    """The recorded run(s) of ``job`` (seeds aggregated), or None when there
    is none.

    Raises ``ValueError`` when a record was made for another config.
    """
    return aggregate_seeds(read_seed_records(job, root))


def mean_over_folds(records: List[dict]) -> List[dict]:
    """Group fold records of one (task, protocol); add their mean.

    With several seeds per fold, the std of the mean is taken over the
    seeds' fold means (each seed's mean over the folds), so it needs the
    same seeds in every fold.
    """
    out, groups = [], {}
    for r in records:
        if r['fold'] is None:
            out.append(r)
        else:
            groups.setdefault((r['task'], r['protocol']), []).append(r)
    for (task, protocol), folds in groups.items():
        keys = set.intersection(*(set(f['metrics']) for f in folds))
        mean = {
            k: sum(f['metrics'][k] for f in folds) / len(folds)
            for k in sorted(keys)
        }
        entry = dict(
            task=task,
            protocol=protocol,
            config=folds[0]['config'],
            fold='mean',
            folds=sorted(folds, key=lambda f: str(f['fold'])),
            metrics=mean)
        if any(f.get('n', 1) > 1 for f in folds):
            per_seed = [{
                s['seed']: s['metrics']
                for s in f.get('seeds', [f])
            } for f in folds]
            seeds = set(per_seed[0])
            if any(set(p) != seeds for p in per_seed):
                raise ValueError(f'{task} {protocol}: the folds have '
                                 'different seeds '
                                 f'({[sorted(p) for p in per_seed]})')
            stats = {
                k:
                mean_std([
                    sum(p[s][k] for p in per_seed) / len(per_seed)
                    for s in sorted(seeds)
                ])
                for k in sorted(keys)
            }
            entry.update(
                metrics={
                    k: v[0]
                    for k, v in stats.items()
                },
                std={
                    k: v[1]
                    for k, v in stats.items()
                },
                n=len(seeds))
        out.append(entry)
    return out


def results_entry(pretrain_config: str,
                  records: List[dict],
                  checkpoint: Optional[str] = None) -> dict:
    """The results-file entry of one pretraining."""
    return dict(
        pretraining_config=norm(pretrain_config),
        checkpoint=checkpoint,
        jobs=mean_over_folds(records))


def results_path(pretrain_config: str) -> str:
    """The results file of the pretraining config's method folder."""
    return osp.join(osp.dirname(pretrain_config), 'benchmark_results.json')


def load_results(path: str) -> dict:
    """A results file (``{pretraining name: entry}``), empty if none."""
    if not osp.isfile(path):
        return {}
    with open(path) as f:
        return json.load(f)


def update_results(path: str, name: str, entry: dict) -> dict:
    """Write ``entry`` as ``name`` into the results file at ``path``."""
    data = load_results(path)
    data[name] = entry
    write_text_atomic(path, json.dumps(data, indent=1, sort_keys=True) + '\n')
    return data


def job_records(job: dict):
    """The records under a results-file job: its folds, or itself; each
    record's seeds, or itself."""
    for r in job.get('folds', [job]):
        yield from r.get('seeds', [r])


def check_results(data: dict, path: str, root: str = '.') -> None:
    """Refuse a results file whose jobs do not match the configs' current
    ``downstream`` lists, whose metrics differ from their records, or that
    lacks a record (records under ``root``)."""
    for name, entry in data.items():
        cfg = entry['pretraining_config']
        if config_name(cfg) != name:
            raise ValueError(f'{path}: entry {name} names {cfg}')
        if not osp.isfile(cfg):
            raise ValueError(f'{path}: {cfg} (entry {name}) does not exist')
        wanted = {(j['task'], j['protocol'], j['config'])
                  for j in load_jobs(cfg)}
        for job in entry['jobs']:
            for r in job_records(job):
                if (r['task'], r['protocol'], r['config']) not in wanted:
                    raise ValueError(
                        f'{path}: {name} has a {r["task"]} result for '
                        f'{r["config"]}, which {cfg} does not list')
                mfile = osp.join(r['log_dir'], 'test_metrics.json')
                if not osp.isfile(mfile):
                    raise ValueError(f'{path}: {name}: {mfile} is missing')
                if read_metrics(r['log_dir']) != r['metrics']:
                    raise ValueError(
                        f'{path}: {name}: the metrics differ from '
                        f'{mfile}; rerun run_benchmark.py --collect-only')
        # and every record is in the file: a seed or job recorded but not
        # collected would otherwise leave the tables behind the records
        rebuilt = mean_over_folds([
            r for r in (read_record(j, root) for j in load_jobs(cfg))
            if r is not None
        ])

        def key(j):  # a pretraining may list two jobs of one task
            return (j['task'], j['protocol'], str(j.get('fold')),
                    j.get('config'))

        have = {key(j): (j['metrics'], j.get('n', 1)) for j in entry['jobs']}
        for j in rebuilt:
            if have.get(key(j)) != (j['metrics'], j.get('n', 1)):
                raise ValueError(
                    f'{path}: {name}: its {j["task"]} '
                    f'{j["protocol"] or ""} result is not what the records '
                    'give (a record not collected?); rerun '
                    'run_benchmark.py --collect-only')


def run_folders(config_dir: str, pattern: str = '*') -> List[str]:
    """The recorded run names under ``<config_dir>/logs`` matching a glob."""
    import fnmatch
    logs = osp.join(config_dir, 'logs')
    if not osp.isdir(logs):
        return []
    return [
        n for n in sorted(os.listdir(logs))
        if fnmatch.fnmatch(n, pattern) and (
            read_metrics(osp.join(logs, n)) is not None
            or glob.glob(osp.join(logs, n, 'seed*', 'test_metrics.json')))
    ]


def read_run(folder: str, config: Optional[str] = None) -> Optional[dict]:
    """A recorded run folder, its seeds aggregated as :func:`read_record`
    does for a job; None when nothing is recorded there. With ``config``, a
    record made for another config is refused."""
    job = dict(task=None, protocol=None, fold=None, config=config)
    return aggregate_seeds(_seed_records(job, folder))


def last_validation(folder: str) -> Dict[str, float]:
    """The held-out metrics of a record: its ``val_metrics.json`` (the
    validation split measured again on the checkpoint, ``record_run.py
    --split val``) when there is one, else the last ``Epoch(val)`` line of
    its ``train.log`` (as mmengine logs them: 4 decimals); empty if
    neither."""
    again = osp.join(folder, 'val_metrics.json')
    if osp.isfile(again):
        with open(again) as f:
            return {k: float(v) for k, v in json.load(f).items()}
    path = osp.join(folder, 'train.log')
    last = None
    if osp.isfile(path):
        with open(path) as f:
            for line in f:
                if 'Epoch(val)' in line:
                    last = line
    if last is None:
        return {}
    pairs = re.findall(r'(\S+): (-?[\d.]+(?:e-?\d+)?)',
                       last.split('Epoch(val)', 1)[1])
    return {k: float(v) for k, v in pairs}


def latest_checkpoint(work_dir: str) -> Optional[str]:
    """The ``epoch_N.pth`` of ``work_dir`` with the largest N, or None."""
    ckpts = glob.glob(osp.join(work_dir, 'epoch_*.pth'))
    if not ckpts:
        return None
    return max(
        ckpts, key=lambda p: int(re.findall(r'\d+', osp.basename(p))[-1]))
