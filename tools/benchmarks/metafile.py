"""A method's ``metafile.yml`` from its recorded runs (no hand-typed
numbers); ``python tools/benchmarks/results.py metafile CONFIG_DIR`` writes
it. The method's rules sit in ``<config_dir>/metafile_extra.yml``::

    Collection: CoarseToFineMotion
    Paper: {Title: "...", URL: "..."}
    Rules:   # GLOB | Dataset | Task, first match wins
      - "c2f-motion*|MSR Action3D (cross-subject, depth)|Motion Estimation"
    Models:  # what no log holds: metadata, the paper's numbers
      <model name>: {Metadata: {...}, Results: [...]}

(``--collection``, ``--paper-title``, ``--paper-url``, ``--rule`` and
``--extra`` override them.)

Every config of the folder becomes a model entry. A config with
``logs/<config name>/test_metrics.json`` (``record_run.py``)
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
(``configs/benchmarks/``: linear probe, retrieval) and the runs of this
folder's configs recorded under a run name of their own become models of
their own with their metrics. ``Models:`` adds what no log holds:
architecture notes and the paper's numbers, whose metric names say
"(paper)". A run of several seeds gives the mean of its seeds and ``Seeds: N``.
"""
import argparse
import fnmatch
import glob
import os.path as osp

import records as rec


def _config_text(path):
    """The config with its bases merged and its strings joined."""
    from mmengine.config import Config
    return str(Config.fromfile(path).to_dict())


def entries(config_dir, collection, rules):
    out = []
    for cfg in sorted(glob.glob(osp.join(config_dir, '*.py'))):
        name = osp.splitext(osp.basename(cfg))[0]
        logdir = osp.join(config_dir, 'logs', name)
        e = dict(name=name, config=cfg, collection=collection, run=False)
        run = rec.read_run(logdir, config=cfg)
        if run is not None:
            rule = next((r for r in rules if fnmatch.fnmatch(name, r[0])),
                        None)
            if rule is None:
                raise ValueError(f'no --rule matches the recorded run {name}')
            e.update(
                run=True,
                dataset=rule[1],
                task=rule[2],
                metrics=run['metrics'],
                seeds=run.get('n', 1))
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


TASK_NAMES = {
    'fine-tune': 'Action Recognition',
    'linear-probe': 'Action Recognition (linear probe)',
    'retrieval': 'Video Retrieval'
}


def benchmark_entries(config_dir, collection, items):
    """Add the benchmark suite's runs and links from benchmark_results.json."""
    path = osp.join(config_dir, 'benchmark_results.json')
    if not osp.isfile(path):
        return items
    data = rec.load_results(path)
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
                    if name in by_name:
                        continue  # a model of this folder already
                    # a run of this folder's config under a run name of its
                    # own (a config that serves several pretrainings): a
                    # model of its own, so that its weights can be listed
                else:
                    name = f'{r["task"]}_{name}'  # shared configs: per task
                    links.add(name)
                dataset = rec.PROTOCOLS[r['protocol']]
                if r.get('fold') not in (None, 'mean'):
                    dataset = dataset.split(' (')[0] + f' fold {r["fold"]}'
                e = dict(
                    name=name,
                    config=r['config'],
                    collection=collection,
                    run=True,
                    dataset=dataset,
                    task=TASK_NAMES[r['task']],
                    metrics=r['metrics'],
                    downstream=[],
                    pretrained=pre,
                    seeds=r.get('n', 1))
                log = osp.join(r['log_dir'], 'train.log')
                e['log'] = log if osp.isfile(log) else osp.join(
                    r['log_dir'], 'test.log')
                if name in by_name:
                    raise ValueError(f'{path}: two models named {name}')
                by_name[name] = e
                items.append(e)
        by_name[pre]['downstream'] = sorted(links)
    return items


def read_extra(extra_file):
    """``metafile_extra.yml``: the method's rules and its models' extras
    (empty when there is none)."""
    import yaml
    if not extra_file or not osp.isfile(extra_file):
        return {}
    with open(extra_file) as f:
        return yaml.safe_load(f) or {}


def add_extra(items, extra, extra_file):
    extra = extra.get('Models') or {}
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


SHIPPED_FILE = osp.join('checkpoints', 'checkpoints.yml')


def shipped_weights(root: str = '.') -> dict:
    """{metafile entry name: weights file} of the checkpoints shipped in the
    repository (``checkpoints/checkpoints.yml``): an entry's ``run`` (the
    run name its weights come from; a downstream config serves several
    runs), else its config's name."""
    path = osp.join(root, SHIPPED_FILE)
    if not osp.isfile(path):
        return {}
    import yaml
    with open(path) as f:
        items = (yaml.safe_load(f) or {}).get('checkpoints') or []
    return {
        c.get('run') or osp.splitext(osp.basename(c['config']))[0]: c['file']
        for c in items
    }


def _weights_line(e, shipped) -> str:
    f = shipped.get(e['name'])
    if f:
        return f'    Weights: {f}'
    why = ('run here, not shipped'
           if e['run'] else 'not trained here (paper scale or not run)')
    return f'    Weights: null  # {why}: checkpoints/README.md'


def render(collection, title, url, readme, items, shipped=None):
    lines = [
        'Collections:', f'  - Name: {collection}', f'    README: {readme}'
    ]
    if url:
        lines += ['    Paper:', f'      URL: {url}', f'      Title: "{title}"']
    lines += ['', 'Models:']
    for e in items:
        lines += [
            f'  - Name: {e["name"]}', f'    Config: {e["config"]}',
            f'    In Collection: {collection}', '    Metadata:'
        ]
        extra = e.get('extra', {})
        for k, v in extra.get('Metadata', {}).items():
            lines.append(f'      {k}: {_yaml_scalar(v)}')
        if e.get('pretrained'):
            lines.append(f'      Pretrained: {e["pretrained"]}')
        if e['run']:
            lines.append('      Training Resources: 2 CPU cores')
        if e.get('seeds', 1) > 1:
            lines.append(f'      Seeds: {e["seeds"]}')
        lines.append(f'      Run here: {"true" if e["run"] else "false"}')
        if e['run'] or extra.get('Results'):
            lines.append('    Results:')
        if e['run']:
            lines += [
                f'      - Dataset: {e["dataset"]}',
                f'        Task: {e["task"]}', '        Metrics:'
            ]
            for k, v in e['metrics'].items():
                lines.append(f'          {k.split("/")[-1]}: {v:.4f}')
        for r in extra.get('Results', []):
            lines += [
                f'      - Dataset: {_yaml_scalar(r["Dataset"])}',
                f'        Task: {_yaml_scalar(r["Task"])}', '        Metrics:'
            ]
            for k, v in r['Metrics'].items():
                lines.append(f'          {k}: {_yaml_scalar(v)}')
        if e['run'] and 'log' in e:
            lines.append(f'    Training Log: {e["log"]}')
        lines.append(_weights_line(e, shipped or {}))
        if e.get('downstream'):
            lines.append('    Downstream:')
            lines += [f'      - {n}' for n in e['downstream']]
    return '\n'.join(lines) + '\n'


def write(config_dir,
          collection=None,
          title=None,
          url=None,
          rules=None,
          extra_file=None,
          out=None):
    """Write ``<config_dir>/metafile.yml`` (or ``out``); the arguments
    default to ``metafile_extra.yml``'s. Returns (path, models, run here)."""
    extra_file = extra_file or osp.join(config_dir, 'metafile_extra.yml')
    extra = read_extra(extra_file)
    paper = extra.get('Paper') or {}
    collection = collection or extra.get('Collection')
    if not collection:
        raise ValueError(f'{extra_file}: no Collection')
    title = title or paper.get('Title')
    url = url or paper.get('URL')
    rules = rules if rules is not None else [
        parse_rule(r) for r in extra.get('Rules', [])
    ]
    items = entries(config_dir, collection, rules)
    items = benchmark_entries(config_dir, collection, items)
    items = add_extra(items, extra, extra_file)
    text = render(collection, title, url, osp.join(config_dir, 'README.md'),
                  items, shipped_weights())
    return (out or osp.join(config_dir, 'metafile.yml'), text, len(items),
            sum(e['run'] for e in items))


def parse_rule(r):
    parts = r.split('|')
    if len(parts) != 3:
        raise SystemExit(f'a rule must be "GLOB|Dataset|Task", got {r!r}')
    return parts


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('config_dir')
    p.add_argument('--collection')
    p.add_argument('--paper-title')
    p.add_argument('--paper-url')
    p.add_argument(
        '--rule',
        action='append',
        help='"GLOB|Dataset|Task", first match wins')
    p.add_argument('--extra', help='default: <config_dir>/metafile_extra.yml')
    p.add_argument('--out', help='default: <config_dir>/metafile.yml')
    args = p.parse_args(argv)
    rules = [parse_rule(r) for r in args.rule] if args.rule else None
    out, text, n, run = write(args.config_dir, args.collection,
                              args.paper_title, args.paper_url, rules,
                              args.extra, args.out)
    with open(out, 'w') as f:
        f.write(text)
    print(f'{out}: {n} models, {run} run here')


if __name__ == '__main__':
    main()
