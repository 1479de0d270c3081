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


def render(collection, title, url, readme, items):
    lines = ['Collections:', f'  - Name: {collection}',
             f'    README: {readme}', '    Paper:', f'      URL: {url}',
             f'      Title: "{title}"', '', 'Models:']
    for e in items:
        lines += [f'  - Name: {e["name"]}', f'    Config: {e["config"]}',
                  f'    In Collection: {collection}', '    Metadata:']
        if e['run']:
            lines.append('      Training Resources: 2 CPU cores')
        lines.append(f'      Run here: {"true" if e["run"] else "false"}')
        if e['run']:
            lines += ['    Results:', f'      - Dataset: {e["dataset"]}',
                      f'        Task: {e["task"]}', '        Metrics:']
            for k, v in e['metrics'].items():
                lines.append(f'          {k.split("/")[-1]}: {v:.4f}')
            if 'log' in e:
                lines.append(f'    Training Log: {e["log"]}')
        if e.get('downstream'):
            lines.append('    Downstream:')
            lines += [f'      - {n}' for n in e['downstream']]
    return '\n'.join(lines) + '\n'


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config_dir')
    p.add_argument('--collection', required=True)
    p.add_argument('--paper-title', required=True)
    p.add_argument('--paper-url', required=True)
    p.add_argument('--rule', action='append', default=[],
                   help='"GLOB|Dataset|Task", first match wins')
    p.add_argument('--out', help='default: <config_dir>/metafile.yml')
    args = p.parse_args(argv)
    rules = []
    for r in args.rule:
        parts = r.split('|')
        if len(parts) != 3:
            raise SystemExit(f'--rule must be "GLOB|Dataset|Task", got {r!r}')
        rules.append(parts)
    items = entries(args.config_dir, args.collection, rules)
    text = render(args.collection, args.paper_title, args.paper_url,
                  osp.join(args.config_dir, 'README.md'), items)
    out = args.out or osp.join(args.config_dir, 'metafile.yml')
    with open(out, 'w') as f:
        f.write(text)
    print(f'{out}: {len(items)} models, '
          f'{sum(e["run"] for e in items)} run here')


if __name__ == '__main__':
    main()
