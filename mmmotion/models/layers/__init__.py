from .dynamic_filter import (apply_dynamic_filters, apply_dynamic_filters_loop,
                             check_filter_size)
from .stc_block import STCBlock

__all__ = [
    'apply_dynamic_filters', 'apply_dynamic_filters_loop', 'check_filter_size',
    'STCBlock'
]
