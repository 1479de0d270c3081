"""Downstream benchmark records: a pretraining config's ``downstream`` jobs,
their recorded runs, the machine-readable results file and the README table
generated from it (``tools/benchmarks/run_benchmark.py`` drives this).

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

A job with ``load`` trains (the option points the config at the pretraining
checkpoint) and is then tested; a job without it only tests the pretraining
checkpoint. Every pretraining also has the implicit ``pretext`` job: its own
config tested on its checkpoint. A job is recorded in
``<job config dir>/logs/<run name>/`` (``test_metrics.json``, ``test.log``,
``time.txt`` and, for trained jobs, ``train.log``); the run name defaults to
the job config's name, or to the pretraining's name for the shared configs
under ``configs/benchmarks/``. ``time.txt`` names the config it was recorded
for; a record made for another config is refused.

Protocols with folds (ud810 leave-one-person-out) list one job per fold with
the same ``task`` and ``protocol`` and a ``fold``; the results file keeps each
fold and their mean.
"""
import glob
import json
import os
import os.path as osp
import re

from .atomic_io import write_text_atomic

TASKS = ('pretext', 'fine-tune', 'linear-probe', 'retrieval')
PROTOCOLS = {
    'msr-xsub': 'MSR Action3D cross-subject (depth)',
    'ud810-lopo': 'ud810 leave-one-person-out (RGB, mean of 3 folds)',
}
# the columns of the generated README table: (task, metric key, heading)
TABLE_COLUMNS = (
    ('fine-tune', 'acc/top1', 'fine-tuned top-1'),
    ('linear-probe', 'acc/top1', 'linear probe top-1'),
    ('retrieval', 'retrieval/R@1', 'R@1'),
    ('retrieval', 'retrieval/R@5', 'R@5'),
    ('retrieval', 'retrieval/knn_top1', 'kNN top-1'),
)
BEGIN = '<!-- benchmark-table:begin (tools/benchmarks/run_benchmark.py) -->'
END = '<!-- benchmark-table:end -->'


def config_name(path):
    return osp.splitext(osp.basename(path))[0]


def _norm(path):
    return osp.normpath(path).replace(os.sep, '/')


def load_jobs(pretrain_config):
    """The pretraining config's jobs: the pretext test, then ``downstream``.

    Raises ``ValueError`` naming the config and the entry that is wrong.
    """
    from mmengine.config import Config
    cfg = Config.fromfile(pretrain_config)
    name = config_name(pretrain_config)
    jobs = [dict(task='pretext', protocol=None, config=_norm(pretrain_config),
                 load=None, fold=None, run_name=name)]
    entries = cfg.get('downstream', None)
    if entries is None:
        raise ValueError(f'{pretrain_config} has no `downstream` list: it is '
                         'not a pretraining config with benchmark jobs')
    for i, e in enumerate(entries):
        where = f'{pretrain_config}: downstream[{i}]'
        unknown = set(e) - {'task', 'protocol', 'config', 'load', 'fold',
                            'run_name'}
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
        shared = _norm(e['config']).startswith('configs/benchmarks/')
        if e.get('run_name'):
            run_name = e['run_name']
        elif shared:  # one config, many pretrainings: named after ours
            run_name = name if not e.get('fold') else \
                f'{name}_fold{e["fold"]}'
        else:
            run_name = config_name(e['config'])
        jobs.append(dict(task=e['task'], protocol=e['protocol'],
                         config=_norm(e['config']), load=e.get('load'),
                         fold=e.get('fold'), run_name=run_name))
    seen = {}
    for j in jobs:
        key = record_dir(j)
        if key in seen:
            raise ValueError(f'{pretrain_config}: two jobs record into {key}'
                             ' (give one a run_name)')
        seen[key] = j
    return jobs


def record_dir(job, root='.'):
    return _norm(osp.join(root, osp.dirname(job['config']), 'logs',
                          job['run_name']))


def read_time_txt(path):
    out = {}
    if osp.isfile(path):
        for line in open(path):
            if ':' in line:
                k, v = line.split(':', 1)
                out[k.strip()] = v.strip()
    return out


def read_record(job, root='.'):
    """The recorded run of ``job``, or None when there is none.

    Raises ``ValueError`` when the record was made for another config.
    """
    d = record_dir(job, root)
    metrics_file = osp.join(d, 'test_metrics.json')
    if not osp.isfile(metrics_file):
        return None
    info = read_time_txt(osp.join(d, 'time.txt'))
    if not info and osp.isfile(osp.join(d, 'checkpoint.txt')):
        info = read_time_txt(osp.join(d, 'checkpoint.txt'))
    recorded = info.get('config')
    if recorded is not None and _norm(recorded) != job['config']:
        raise ValueError(f'{metrics_file} was recorded for {recorded}, not '
                         f'for {job["config"]}: refusing to use it')
    with open(metrics_file) as f:
        metrics = json.load(f)
    rec = dict(task=job['task'], protocol=job['protocol'],
               config=job['config'], fold=job['fold'], log_dir=d,
               metrics=metrics)
    secs = info.get('train wall-clock seconds')
    if secs:
        rec['train_seconds'] = int(secs)
    pre = info.get('pretrained checkpoint')
    if pre:
        rec['pretrained_checkpoint'] = pre
    sha = info.get('pretrained checkpoint sha256')
    if sha:
        rec['pretrained_sha256'] = sha
    return rec


def mean_over_folds(records):
    """Group fold records of one (task, protocol); add their mean."""
    out, groups = [], {}
    for r in records:
        if r['fold'] is None:
            out.append(r)
        else:
            groups.setdefault((r['task'], r['protocol']), []).append(r)
    for (task, protocol), folds in groups.items():
        keys = set.intersection(*(set(f['metrics']) for f in folds))
        mean = {k: sum(f['metrics'][k] for f in folds) / len(folds)
                for k in sorted(keys)}
        out.append(dict(task=task, protocol=protocol,
                        config=folds[0]['config'], fold='mean',
                        folds=sorted(folds, key=lambda f: str(f['fold'])),
                        metrics=mean))
    return out


def results_entry(pretrain_config, records, checkpoint=None):
    return dict(pretraining_config=_norm(pretrain_config),
                checkpoint=checkpoint, jobs=mean_over_folds(records))


def results_path(pretrain_config):
    return osp.join(osp.dirname(pretrain_config), 'benchmark_results.json')


def update_results(path, name, entry):
    data = {}
    if osp.isfile(path):
        with open(path) as f:
            data = json.load(f)
    data[name] = entry
    write_text_atomic(path, json.dumps(data, indent=1, sort_keys=True) + '\n')
    return data


def check_results(data, path):
    """Refuse a results file whose jobs do not match the configs' current
    ``downstream`` lists, or whose metrics differ from their records."""
    for name, entry in data.items():
        cfg = entry['pretraining_config']
        if config_name(cfg) != name:
            raise ValueError(f'{path}: entry {name} names {cfg}')
        if not osp.isfile(cfg):
            raise ValueError(f'{path}: {cfg} (entry {name}) does not exist')
        wanted = {(j['task'], j['protocol'], j['config']) for j in
                  load_jobs(cfg)}
        for job in entry['jobs']:
            for r in job.get('folds', [job]):
                if (r['task'], r['protocol'], r['config']) not in wanted:
                    raise ValueError(
                        f'{path}: {name} has a {r["task"]} result for '
                        f'{r["config"]}, which {cfg} does not list')
                mfile = osp.join(r['log_dir'], 'test_metrics.json')
                if not osp.isfile(mfile):
                    raise ValueError(f'{path}: {name}: {mfile} is missing')
                with open(mfile) as f:
                    if json.load(f) != r['metrics']:
                        raise ValueError(
                            f'{path}: {name}: the metrics differ from '
                            f'{mfile}; rerun run_benchmark.py --collect-only')


def format_metric(key, v):
    """Accuracies and recalls in percent, other metrics as they are."""
    if key.startswith(('acc/', 'retrieval/')) or key.endswith('top1'):
        return f'{v * 100:.2f}'
    return f'{v:.4f}' if abs(v) < 10 else f'{v:.2f}'


def _cell(job, key, readme_dir):
    if job is None or key not in job['metrics']:
        return '-'
    v = job['metrics'][key]
    text = format_metric(key, v)
    log = job.get('log_dir') or job['folds'][0]['log_dir']
    if job.get('fold') == 'mean':
        log = osp.dirname(log)
        text = f'{text} (mean of {len(job["folds"])})'
    return f'[{text}]({_norm(osp.relpath(log, readme_dir))})'


def render_table(data, readme_dir, pretext_keys=None):
    """Markdown: one row per (pretraining, protocol); pretext metrics first."""
    pretext_keys = pretext_keys or []
    head = (['pretraining', 'protocol'] + pretext_keys +
            [c[2] for c in TABLE_COLUMNS])
    lines = ['| ' + ' | '.join(head) + ' |',
             '| --- | --- |' + ' :-: |' * (len(head) - 2)]
    for name in sorted(data):
        entry = data[name]
        jobs = entry['jobs']
        pretext = next((j for j in jobs if j['task'] == 'pretext'), None)
        protocols = sorted({j['protocol'] for j in jobs if j['protocol']})
        for p in protocols:
            cells = [name, PROTOCOLS[p]]
            cells += [_cell(pretext, k, readme_dir) for k in pretext_keys]
            for task, key, _ in TABLE_COLUMNS:
                job = next((j for j in jobs if j['task'] == task
                            and j['protocol'] == p), None)
                cells.append(_cell(job, key, readme_dir))
            lines.append('| ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def replace_block(text, table, readme):
    if BEGIN not in text or END not in text:
        raise ValueError(f'{readme} has no benchmark table markers '
                         f'({BEGIN} ... {END})')
    pre, rest = text.split(BEGIN, 1)
    _, post = rest.split(END, 1)
    return f'{pre}{BEGIN}\n{table}\n{END}{post}'


def latest_checkpoint(work_dir):
    ckpts = glob.glob(osp.join(work_dir, 'epoch_*.pth'))
    if not ckpts:
        return None
    return max(ckpts, key=lambda p: int(re.findall(r'\d+', osp.basename(p))
                                        [-1]))
