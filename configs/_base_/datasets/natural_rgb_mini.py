# The natural-RGB clips shipped in tests/data/natural_rgb (provenance:
# tests/data/README.md): 9 training clips and 3 held-out ones, all three on
# the full set's held-out list (tools/data/natural_rgb/build_lists.py). The
# quick start trains on them; the shipped checkpoints' checks test on the
# held-out ones. Dataset fields to merge into a natural-RGB config's own.
nat_mini_root = 'tests/data/natural_rgb'
nat_mini_train = dict(
    ann_file=f'{nat_mini_root}/train_list.txt',
    data_prefix=dict(video=nat_mini_root))
nat_mini_heldout = dict(
    ann_file=f'{nat_mini_root}/heldout_list.txt',
    data_prefix=dict(video=nat_mini_root))
