"""Write a method's ``metafile.yml`` from its recorded runs (no hand-typed
numbers):

    python tools/benchmarks/make_metafile.py configs/coarse_to_fine_motion \
        --collection CoarseToFineMotion --paper-title "..." --paper-url URL \
        --rule "c2f-motion_*msr*|MSR Action3D (cross-subject, depth)|Motion Estimation" \
        --rule "*_msr-action3d-depth*|MSR Action3D (cross-subject, depth)|Action Recognition"

Every config of the folder becomes a model entry. A config with
``logs/<config name>/test_metrics.json`` (``tools/train_test_record.sh``)
gets ``Run here: true``, its metrics (the first ``--rule`` whose glob
matches its name names the dataset and task) and its training log; any
other config is listed with ``Run here: false``. A metrics file whose
recorded config (``time.txt``) is not this config is refused. A config that
another config of the folder starts from (it names
``work_dirs/<config name>/``) gets that config under ``Downstream:``, as
mmpretrain's metafiles link a pretraining model to its downstream models.

``<config_dir>/benchmark_results.json`` (``tools/benchmarks/run_benchmark.py``)
adds the benchmark suite: each pretraining model lists every recorded
downstream run under ``Downstream:``, and the runs of shared configs
(``configs/benchmarks/``: linear probe, retrieval) become models of their own
with their metrics. ``--extra FILE`` (YAML, ``{model name: {Metadata: {...},
Results: [...]}}``) adds what no log holds: architecture notes and the
paper's numbers, whose metric names say "(paper)".
"""
import argparse
import fnmatch
import glob
import json
import os.path as osp


def _recorded_config(logdir):
    path = osp.join(logdir, 'time.txt')
    if not osp.isfile(path):
        return None
    for line in open(path):
        if line.startswith('config:'):
            return line.split(':', 1)[1].strip()
    return None


def _config_text(path):
    """The config with its bases merged and its strings joined."""
    from mmengine.config import Config
    return str(Config.fromfile(path).to_dict())


def entries(config_dir, collection, rules):
    out = []
    for cfg in sorted(glob.glob(osp.join(config_dir, '*.py'))):
        name = osp.splitext(osp.basename(cfg))[0]
        logdir = osp.join(config_dir, 'logs', name)
        metrics_file = osp.join(logdir, 'test_metrics.json')
        e = dict(name=name, config=cfg, collection=collection, run=False)
        if osp.isfile(metrics_file):
            rec = _recorded_config(logdir)
            if rec is not None and osp.normpath(rec) != osp.normpath(cfg):
                raise ValueError(f'{metrics_file} was recorded for {rec}, '
                                 f'not {cfg}')
            rule = next((r for r in rules if fnmatch.fnmatch(name, r[0])),
                        None)
            if rule is None:
                raise ValueError(f'no --rule matches the recorded run {name}')
            with open(metrics_file) as f:
                metrics = json.load(f)
            e.update(run=True, dataset=rule[1], task=rule[2], metrics=metrics)
            for log in ('train.log', 'test.log'):
                if osp.isfile(osp.join(logdir, log)):
                    e.setdefault('log', osp.join(logdir, log))
        out.append(e)
    texts = {e['name']: _config_text(e['config']) for e in out}
    for e in out:
        e['downstream'] = sorted(
            n for n, t in texts.items()
            if n != e['name'] and f'work_dirs/{e["name"]}/' in t)
    return out


TASK_NAMES = {'fine-tune': 'Action Recognition',
              'linear-probe': 'Action Recognition (linear probe)',
              'retrieval': 'Video Retrieval'}


def benchmark_entries(config_dir, collection, items):
    """Add the benchmark suite's runs and links from benchmark_results.json."""
    import sys
    sys.path.insert(0, osp.join(osp.dirname(__file__), '..', '..'))
    from mmmotion.utils.benchmark_records import PROTOCOLS
    path = osp.join(config_dir, 'benchmark_results.json')
    if not osp.isfile(path):
        return items
    with open(path) as f:
        data = json.load(f)
    by_name = {e['name']: e for e in items}
    here = osp.normpath(config_dir)
    for pre, entry in sorted(data.items()):
        if pre not in by_name:
            raise ValueError(f'{path}: {pre} is not a config of {config_dir}')
        links = set(by_name[pre].get('downstream', []))
        for job in entry['jobs']:
            if job['task'] == 'pretext':
                continue
            for r in job.get('folds', [job]):
                name = osp.basename(r['log_dir'])
                if osp.normpath(osp.dirname(r['config'])) == here:
                    links.add(name)
                    continue  # a model of this folder already
                name = f'{r["task"]}_{name}'  # shared configs: one per task
                links.add(name)
                dataset = PROTOCOLS[r['protocol']]
                if r.get('fold') not in (None, 'mean'):
                    dataset = dataset.split(' (')[0] + f' fold {r["fold"]}'
                e = dict(name=name, config=r['config'],
                         collection=collection, run=True, dataset=dataset,
                         task=TASK_NAMES[r['task']], metrics=r['metrics'],
                         downstream=[], pretrained=pre)
                log = osp.join(r['log_dir'], 'train.log')
                e['log'] = log if osp.isfile(log) else osp.join(
                    r['log_dir'], 'test.log')
                if name in by_name:
                    raise ValueError(f'{path}: two models named {name}')
                by_name[name] = e
                items.append(e)
        by_name[pre]['downstream'] = sorted(links)
    return items


def add_extra(items, extra_file):
    import yaml
    with open(extra_file) as f:
        extra = yaml.safe_load(f) or {}
    names = {e['name'] for e in items}
    unknown = sorted(set(extra) - names)
    if unknown:
        raise ValueError(f'{extra_file} names models that are not configs '
                         f'here: {unknown}')
    for e in items:
        if e['name'] in extra:
            e['extra'] = extra[e['name']]
    return items


def _yaml_scalar(v):
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, (int, float)):
        return str(v)
    v = str(v)
    return f'"{v}"' if any(c in v for c in ':#{}[],&*?|<>=!%@`') else v


def render(collection, title, url, readme, items):
    lines = ['Collections:', f'  - Name: {collection}',
             f'    README: {readme}']
    if url:
        lines += ['    Paper:', f'      URL: {url}', f'      Title: "{title}"']
    lines += ['', 'Models:']
    for e in items:
        lines += [f'  - Name: {e["name"]}', f'    Config: {e["config"]}',
                  f'    In Collection: {collection}', '    Metadata:']
        extra = e.get('extra', {})
        for k, v in extra.get('Metadata', {}).items():
            lines.append(f'      {k}: {_yaml_scalar(v)}')
        if e.get('pretrained'):
            lines.append(f'      Pretrained: {e["pretrained"]}')
        if e['run']:
            lines.append('      Training Resources: 2 CPU cores')
        lines.append(f'      Run here: {"true" if e["run"] else "false"}')
        if e['run'] or extra.get('Results'):
            lines.append('    Results:')
        if e['run']:
            lines += [f'      - Dataset: {e["dataset"]}',
                      f'        Task: {e["task"]}', '        Metrics:']
            for k, v in e['metrics'].items():
                lines.append(f'          {k.split("/")[-1]}: {v:.4f}')
        for r in extra.get('Results', []):
            lines += [f'      - Dataset: {_yaml_scalar(r["Dataset"])}',
                      f'        Task: {_yaml_scalar(r["Task"])}',
                      '        Metrics:']
            for k, v in r['Metrics'].items():
                lines.append(f'          {k}: {_yaml_scalar(v)}')
        if e['run'] and 'log' in e:
            lines.append(f'    Training Log: {e["log"]}')
        if e.get('downstream'):
            lines.append('    Downstream:')
            lines += [f'      - {n}' for n in e['downstream']]
    return '\n'.join(lines) + '\n'


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config_dir')
    p.add_argument('--collection', required=True)
    p.add_argument('--paper-title')
    p.add_argument('--paper-url')
    p.add_argument('--rule', action='append', default=[],
                   help='"GLOB|Dataset|Task", first match wins')
    p.add_argument('--extra', help='YAML: metadata and paper results by '
                   'model name')
    p.add_argument('--out', help='default: <config_dir>/metafile.yml')
    args = p.parse_args(argv)
    rules = []
    for r in args.rule:
        parts = r.split('|')
        if len(parts) != 3:
            raise SystemExit(f'--rule must be "GLOB|Dataset|Task", got {r!r}')
        rules.append(parts)
    items = entries(args.config_dir, args.collection, rules)
    items = benchmark_entries(args.config_dir, args.collection, items)
    if args.extra:
        items = add_extra(items, args.extra)
    text = render(args.collection, args.paper_title, args.paper_url,
                  osp.join(args.config_dir, 'README.md'), items)
    out = args.out or osp.join(args.config_dir, 'metafile.yml')
    with open(out, 'w') as f:
        f.write(text)
    print(f'{out}: {len(items)} models, '
          f'{sum(e["run"] for e in items)} run here')


if __name__ == '__main__':
    main()
