# As i3d_resnext18-tiny_8x2x1-60e_ud810-fold1-rgb-64px.py, on
# leave-one-person-out fold 3.
_base_ = ['./i3d_resnext18-tiny_8x2x1-60e_ud810-fold1-rgb-64px.py']
train_dataloader = dict(
    dataset=dict(
        ann_file=_base_.train_dataloader.dataset.ann_file.replace(
            'fold1', 'fold3')))
val_dataloader = dict(
    dataset=dict(
        ann_file=_base_.val_dataloader.dataset.ann_file.replace(
            'fold1', 'fold3')))
test_dataloader = val_dataloader
