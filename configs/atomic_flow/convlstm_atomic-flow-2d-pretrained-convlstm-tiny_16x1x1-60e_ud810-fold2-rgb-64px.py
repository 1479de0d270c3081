# ud810 leave-one-person-out fold 2; otherwise as fold 1.
_base_ = [
    ('./convlstm_atomic-flow-2d-pretrained-convlstm-tiny_16x1x1-60e_ud810-'
     'fold1-rgb-64px.py')
]
train_dataloader = dict(
    dataset=dict(ann_file='data/ud810/ud810_fold2_train_list.txt'))
val_dataloader = dict(
    dataset=dict(ann_file='data/ud810/ud810_fold2_val_list.txt'))
test_dataloader = val_dataloader
