"""A quick diagnosis harness for issue 17, not a benchmark (its numbers
choose what to run with tools/train.py, they are not results): the MSR
clips decoded once by the scratch config's test pipeline and cached, the
ConvLSTM recognizer and variants of it trained for a few epochs in one
process (Adam, constant rate, batch 16, flips), test top-1 every 5 epochs.
Variants, joined by '+': outbn (a BatchNorm3d over the temporal ConvLSTM's
outputs, ``out_norm_cfg``), inbn (a BatchNorm over the pair encodings), gn
(GroupNorm gates), aug (a random crop of 70-100 % of the side, resized
back), wd (AdamW 0.05), wide (encoder widths 32-64-128-128, ConvLSTM 128), mix
(mixup, alpha 0.2, as MMAction2's MixupBlending), ls (label smoothing 0.1),
drop8 (classifier dropout 0.8 instead of 0.5).

    PYTHONPATH=. python \
        tools/analysis/quick_recognizer_variants.py \
        EPOCHS VARIANT ...
    PYTHONPATH=. python tools/analysis/quick_recognizer_variants.py --scales
"""
import copy
import os
import sys
import time

import torch
import torch.nn as nn
from mmengine.config import Config

from mmmotion.registry import DATASETS, MODELS
from mmmotion.utils import register_all_modules

CFG = ('configs/baselines/convlstm_convlstm-tiny_16x1x1-60e_'
       'msr-action3d-depth-64x48px.py')
CACHE = '/tmp/explore/harness/cache.pt'
cfg = Xtr = Ytr = Xte = Yte = None


def _load(dcfg):
    ds = DATASETS.build(dcfg)
    xs, ys = [], []
    for i in range(len(ds)):
        d = ds[i]
        xs.append(d['inputs'][0])
        ys.append(int(d['data_samples'].gt_label))
    return torch.stack(xs).float(), torch.tensor(ys)


def load_clips():
    """The MSR train and test clips through the test pipeline (cached)."""
    global cfg, Xtr, Ytr, Xte, Yte
    register_all_modules()
    cfg = Config.fromfile(CFG)
    if os.path.exists(CACHE):
        Xtr, Ytr, Xte, Yte = torch.load(CACHE)
    else:
        tr = copy.deepcopy(cfg.test_dataloader.dataset)
        tr.ann_file = cfg.train_dataloader.dataset.ann_file
        tr.test_mode = True
        Xtr, Ytr = _load(tr)
        Xte, Yte = _load(cfg.test_dataloader.dataset)
        os.makedirs(os.path.dirname(CACHE), exist_ok=True)
        torch.save((Xtr, Ytr, Xte, Yte), CACHE)
    print(Xtr.shape, Xte.shape, flush=True)


class InBN(nn.Module):

    def __init__(self, enc):
        super().__init__()
        self.enc = enc
        self.bn = nn.BatchNorm2d(enc.out_channels)

    def frame_features(self, x):
        return self.enc.frame_features(x)

    def encode(self, f):
        h, s = self.enc.encode(f)
        return self.bn(h), s

    @property
    def out_channels(self):
        return self.enc.out_channels


def augment(x):
    n, c, t, h, w = x.shape
    out = torch.empty_like(x)
    for k in range(n):
        s = float(torch.empty(1).uniform_(0.7, 1.0))
        hh, ww = int(round(h * s)), int(round(w * s))
        y0 = int(torch.randint(0, h - hh + 1, (1, )))
        x0 = int(torch.randint(0, w - ww + 1, (1, )))
        crop = x[k, :, :, y0:y0 + hh, x0:x0 + ww]
        out[k] = nn.functional.interpolate(
            crop, size=(h, w), mode='bilinear', align_corners=False)
    return out


def build(variant):
    m = copy.deepcopy(cfg.model)
    m.cls_head.dropout_ratio = 0.8 if 'drop8' in variant else 0.5
    if 'wide' in variant:
        m.backbone.encoder.channels = (32, 64, 128, 128)
        m.backbone.encoder.lstm_channels = 128
    if 'gn' in variant:
        m.backbone.encoder.lstm_norm = 'group'
        m.backbone.temporal_norm = 'group'
    if 'outbn' in variant:
        m.backbone.out_norm_cfg = dict(type='BN3d')
    model = MODELS.build(m)
    if 'inbn' in variant:
        model.backbone.encoder = InBN(model.backbone.encoder)
    return model


def run(variant, epochs, lr=1e-3, seed=0):
    torch.manual_seed(seed)
    model = build(variant)
    opt = (
        torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.05)
        if 'wd' in variant else torch.optim.Adam(model.parameters(), lr=lr))
    n = len(Xtr)
    t0 = time.time()
    for ep in range(1, epochs + 1):
        model.train()
        perm = torch.randperm(n)
        tot = 0
        for i in range(0, n, 16):
            idx = perm[i:i + 16]
            x = Xtr[idx]
            flip = torch.rand(len(idx)) < 0.5
            x[flip] = x[flip].flip(-1)
            if 'aug' in variant:
                x = augment(x)
            y = Ytr[idx]
            smooth = 0.1 if 'ls' in variant else 0.0
            lam, perm2 = 1.0, None
            if 'mix' in variant:  # MMAction2's MixupBlending, alpha 0.2
                lam = float(torch.distributions.Beta(0.2, 0.2).sample().item())
                perm2 = torch.randperm(len(idx))
                x = lam * x + (1 - lam) * x[perm2]
            feats = model.extract_feat(x[:, None])[0]
            logits = model.cls_head(feats)
            loss = lam * nn.functional.cross_entropy(
                logits, y, label_smoothing=smooth)
            if perm2 is not None:
                loss = loss + (1 - lam) * nn.functional.cross_entropy(
                    logits, y[perm2], label_smoothing=smooth)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 10)
            opt.step()
            tot += loss.item() * len(idx)
        if ep % 5 == 0 or ep == epochs:
            model.eval()
            correct = 0
            with torch.no_grad():
                for i in range(0, len(Xte), 32):
                    lg = model.cls_head(
                        model.extract_feat(Xte[i:i + 32][:, None])[0])
                    correct += (lg.argmax(1) == Yte[i:i + 32]).sum().item()
            print(
                f'{variant} lr={lr} ep {ep} train loss {tot / n:.3f} '
                f'test acc {correct / len(Xte):.3f} '
                f'({time.time() - t0:.0f}s)',
                flush=True)


def activation_scales(variant='base', seed=0):
    """The std of each stage's activations at initialisation, on 8
    training clips (every 35th), in training mode."""
    torch.manual_seed(seed)
    model = build(variant).train()
    x = Xtr[0:280:35]
    bb = model.backbone
    with torch.no_grad():
        f = bb.encoder.frame_features(x)
        n, t = f.shape[:2]
        pairs = torch.stack([f[:, :-1], f[:, 1:]], 2)
        h, _ = bb.encoder.encode(pairs.reshape(n * (t - 1), 2, *f.shape[2:]))
        out, _ = bb.temporal(h.view(n, t - 1, *h.shape[1:]))
        clip = out.mean((1, 3, 4))
    print(f'{variant} seed {seed}: frame features {f.std():.3f}, pair '
          f'encodings {h.std():.3f}, temporal outputs {out.std():.4f}, '
          f'their clip average from clip to clip {clip.std(0).mean():.4f}')


if __name__ == '__main__':
    torch.set_num_threads(1)
    load_clips()
    if sys.argv[1] == '--scales':
        for s in (0, 1, 2):
            activation_scales(seed=s)
    else:
        for v in sys.argv[2:]:
            run(v, int(sys.argv[1]))
