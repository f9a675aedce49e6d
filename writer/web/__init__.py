"""The local page (`fzwriter serve`): review, drafting and checklists in a browser, over the same engine.

`server` binds 127.0.0.1 and runs the app; `app` holds the routes (parse, call the library, return the
CLI's JSON); `work` keeps uploads and results in a private temporary folder and runs the engine on one
thread; `static/` is the page itself. Nothing here checks a report: rules, outputs and the scaffold
come from `engine`, `output`, `summary`, `annotate` and `scaffold`, as for the commands.
"""
