# Paper scale, NOT RUN HERE: transfer of the NTU depth atomic-flow encoder to
# MSRDailyActivity3D (16 activities; Luo et al. report 86.9), depth in our
# .npy format under data/msr_daily_activity3d with file lists of the standard
# cross-subject split (subjects 1-5 train, 6-10 test; no shipped tool yet).
_base_ = [
    ('./convlstm_atomic-flow-kmeans64-pretrained-convlstm_16x1x1-50e_ntu60-'
     'xsub-depth-224px.py')
]
data_root = 'data/msr_daily_activity3d'
train_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/msr_daily_activity3d_train_list.txt',
        data_prefix=dict(video=f'{data_root}/depth'),
        num_classes=16))
val_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/msr_daily_activity3d_val_list.txt',
        data_prefix=dict(video=f'{data_root}/depth'),
        num_classes=16))
test_dataloader = val_dataloader
model = dict(cls_head=dict(num_classes=16))
