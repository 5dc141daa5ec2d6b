"""C headers as terra declarations: preprocess with the system compiler, clean
GNU C into what pycparser reads, translate to terra types and functions,
harvest macros, compile code that headers define (see model.py for the result)."""
