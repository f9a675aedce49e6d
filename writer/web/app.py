"""The page's routes: parse the request, call the library, return what the commands print.

Every request must name this start's token as the first part of its path and come with a Host of
127.0.0.1 or localhost at this port (`Guard`); anything else gets a short refusal and nothing more.
Results are the CLI's own: `output.to_json` for the JSON, `summary` for the table and the workbook,
`annotate` (through the engine) for the commented copy, `scaffold` for drafts.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
from datetime import date
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__, checklists
from ..catalogue import catalogue
from ..config import MAX_NAME_CHARS, check_name, check_year
from ..engine import taken
from ..errors import InputError
from ..models import SEVERITY_CN
from ..output import coverage_line, to_json
from ..plan import LEVELS
from ..reader import DRAFT_SUFFIXES, too_large
from ..reader.limits import current
from ..summary import ordered, rows, to_xlsx
from ..wording import checked_cn, fill_instead, span_years
from .work import Workspace, shown_name

STATIC = Path(__file__).resolve().parent / "static"
MAX_FORM = 64 * 1024  # a JSON request (review options, the draft form) is a few hundred bytes
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# every response: nothing from elsewhere, no framing, the token never sent on as a referrer
HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                 b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class Guard:
    """Refuses a request without this start's token as its first path part, or with another Host
    (a page of another site reaching 127.0.0.1 through its own name: DNS rebinding)."""

    def __init__(self, app, token: str, port: int):
        self.app = app
        self.token = token
        self.hosts = {f"127.0.0.1:{port}".encode(), f"localhost:{port}".encode()}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self.app(scope, receive, send)
        if scope["type"] != "http":
            return  # no websockets here: the connection is closed unanswered
        host = dict(scope["headers"]).get(b"host", b"")
        first, _, _ = scope["path"].lstrip("/").partition("/")
        if host not in self.hosts:
            return await _refuse(send, 400, "请求的主机名不对：请用 fzwriter serve 显示的 http://127.0.0.1 地址打开本页")
        if not secrets.compare_digest(first.encode(), self.token.encode()):
            return await _refuse(send, 403, "地址中的口令不对或已过期：请使用 fzwriter serve 本次启动时显示的完整地址")
        prefix = "/" + self.token
        if scope["path"] == prefix:  # the address without its closing slash: the page's links need it
            await send({"type": "http.response.start", "status": 307,
                        "headers": [(b"location", (prefix + "/").encode()), (b"content-length", b"0")] + HEADERS})
            return await send({"type": "http.response.body", "body": b""})
        scope = dict(scope, root_path=scope.get("root_path", "") + prefix)

        async def secured(message):
            if message["type"] == "http.response.start":
                message = dict(message, headers=list(message.get("headers", [])) + HEADERS)
            await send(message)

        await self.app(scope, receive, secured)


async def _refuse(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())] + HEADERS})
    await send({"type": "http.response.body", "body": body})


def _fail(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def handled(endpoint):
    """A route whose InputError is the user's message (400) and whose bug is said, not a traceback."""
    async def run(request: Request):
        try:
            return await endpoint(request)
        except InputError as exc:
            return _fail(400, exc.message)
        except HTTPException:
            raise
        except ClientDisconnect:
            return Response(status_code=400)
        except Exception as exc:  # noqa: BLE001 - the server keeps serving
            import sys

            print(f"fzwriter：内部错误（{type(exc).__name__}：{exc}）", file=sys.stderr)
            return _fail(500, f"内部错误（{type(exc).__name__}）；请把所用文件和操作报告给 fzwriter 的维护者")
    return run


async def _json(request: Request) -> dict:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            raise InputError(None, "请求过大")
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise InputError(None, "请求格式不对（不是 JSON）") from None
    if not isinstance(data, dict):
        raise InputError(None, "请求格式不对")
    return data


def _year(value, label: str = "年度") -> int | None:
    if value in (None, ""):
        return None
    try:
        return check_year(int(str(value).strip()))
    except ValueError as exc:
        msg = str(exc) if "不在" in str(exc) else f"“{str(value)[:20]}”不是年份"
        raise InputError(None, f"{label}：{msg}") from None


def _name(value, what: str, limit: int | None = None) -> str | None:
    if value in (None, ""):
        return None
    try:
        return check_name(str(value), what, limit or MAX_NAME_CHARS)
    except ValueError as exc:
        raise InputError(None, str(exc)) from None


async def index(request: Request):
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


async def info(request: Request):
    work = request.app.state.work
    return JSONResponse({
        "version": __version__,
        "suffixes": sorted(taken()),  # what lint takes from a folder
        "drafts": sorted(DRAFT_SUFFIXES),
        "max_file_mb": current().max_file_mb,
        "levels": list(LEVELS),
        "year": season(),
        "config": work.settings.config,
    })


async def upload(request: Request):
    work = request.app.state.work
    raw = request.query_params.get("name", "")
    folder = request.query_params.get("folder") == "1"
    limit = current().file_bytes

    name = shown_name(raw, folder)
    reason = work.skip_reason(name, folder)
    if reason:
        return JSONResponse({"skipped": reason, "name": name})
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        return _fail(413, too_large(name, int(length)).message)
    up, fd = work.reserve(raw, folder)
    try:
        async for chunk in request.stream():
            up.size += len(chunk)
            if up.size > limit:
                raise InputError(None, too_large(name).message)
            os.write(fd, chunk)
    except InputError as exc:
        os.close(fd)
        work.discard(up)
        return _fail(413, exc.message)
    except BaseException:
        os.close(fd)
        work.discard(up)
        raise
    os.close(fd)
    return JSONResponse({"id": up.id, "name": up.name, "size": up.size})


async def start_review(request: Request):
    work = request.app.state.work
    data = await _json(request)
    ids = data.get("files") or []
    if not isinstance(ids, list):
        raise InputError(None, "请求格式不对")
    review = work.start_review([str(i) for i in ids], data.get("previous"), _year(data.get("year")),
                               _name(data.get("region"), "地区或单位名称"))
    return JSONResponse({"id": review.id}, status_code=202)


def _review(request: Request):
    review = request.app.state.work.reviews.get(request.path_params["rid"])
    if review is None:
        raise HTTPException(404, "这次检查的结果已不在（可能服务已重启或结果已清理），请重新检查")
    return review


def _finished(request: Request):
    review = _review(request)
    if review.state != "done":
        raise InputError(None, "检查尚未完成")
    return review


async def review_status(request: Request):
    review = _review(request)
    after = request.query_params.get("after")
    if after is not None:  # the page's long poll: answer when a file is done (or after a while)
        for _ in range(250):
            if review.state in ("done", "failed") or str(review.done) != after:
                break
            await asyncio.sleep(0.02)
    out = {"id": review.id, "state": review.state, "done": review.done, "total": review.total,
           "current": review.current, "error": review.error, "seconds": review.seconds}
    if review.state == "done":
        results = review.results
        index = {id(r): k for k, r in enumerate(results)}
        out["rows"] = [{"index": index[id(r)], "cells": row, "annotated": index[id(r)] in review.annotated}
                       for r, row in zip(ordered(results), rows(results))]
        summary = json.loads(to_json(results))["summary"]  # the CLI's totals
        out["summary"] = summary
        if "figures" in summary:
            out["coverage"] = coverage_line(summary["figures"])
        out["unread"] = sum(1 for r in results if r.error)
        out["skipped"] = sum(1 for r in results if r.skipped)
        out["notes"] = [n for r in results for n in (r.problem, *r.notes) if n]
    return JSONResponse(out)


async def review_file(request: Request):
    work = request.app.state.work
    review = _finished(request)
    k = request.path_params["k"]
    if not 0 <= k < len(review.results):
        raise HTTPException(404, "没有这个文件")
    r = review.results[k]
    entry = json.loads(to_json([r]))["files"][0]  # exactly what lint --format json says of it
    rep = r.report
    if rep is not None and r.skipped is None:
        # the report's frame, laid out as in the draft: title centred, sign-off to the right
        entry["frame"] = {"title": rep.title_paragraph, "addressee": rep.addressee_paragraph,
                          "issuer": rep.issuer_paragraph, "date": rep.date_paragraph}
        entry["sources"] = {"year": _source(rep.year_source, review.year, work.settings.config),
                            "region": _source(rep.region_source, review.region, work.settings.config)}
    entry.update(index=k, verdict=r.verdict, notes=r.notes, problem=r.problem,
                 annotated=k in review.annotated,
                 coverage=coverage_line(r.figures) if r.figures else None,
                 paragraphs=[{"text": t, "level": level, "table": table} for t, level, table in r.texts or []])
    return JSONResponse(entry)


async def review_json(request: Request):
    review = _finished(request)
    # byte for byte what `lint --format json` prints (a closing newline included)
    return Response(to_json(review.results) + "\n", media_type="application/json; charset=utf-8",
                    headers=_attachment("检查结果.json"))


async def review_xlsx(request: Request):
    work = request.app.state.work
    review = _finished(request)
    data = await asyncio.wrap_future(work.engine.submit(to_xlsx, review.results))
    return Response(data, media_type=XLSX, headers=_attachment("汇总表.xlsx"))


async def review_annotated(request: Request):
    review = _finished(request)
    k = request.path_params["k"]
    path = review.annotated.get(k)
    if path is None or not path.is_file():
        raise HTTPException(404, "这份报告没有批注稿")
    stem = Path(review.results[k].path.replace("\\", "/").split("/")[-1]).stem
    return FileResponse(path, media_type=DOCX, headers=_attachment(f"{stem}.审阅.docx"))


async def new_draft(request: Request):
    work = request.app.state.work
    data = await _json(request)
    region = _name(data.get("region"), "地区或单位名称")
    if region is None:
        raise InputError(None, "请填写地区或单位名称")
    year = _year(data.get("year"))
    if year is None:
        raise InputError(None, "请填写报告年度")
    fields = {"region": region, "year": year, "level": data.get("level") or None,
              "to": _name(data.get("to"), "主送机关", 120), "issuer": _name(data.get("issuer"), "发文机关", 120)}
    template, basis = work.take(data.get("template"), data.get("basis"))
    draft = await asyncio.wrap_future(work.engine.submit(work.draft, fields, template, basis))
    return JSONResponse({"id": draft.id, "name": draft.name, "lines": draft.lines})


async def draft_file(request: Request):
    work = request.app.state.work
    draft = work.drafts.get(request.path_params["did"])
    if draft is None or not draft.path.is_file():
        raise HTTPException(404, "这份草稿已不在，请重新生成")
    return FileResponse(draft.path, media_type=DOCX, headers=_attachment(draft.name))


async def lists(request: Request):
    work = request.app.state.work
    return JSONResponse(await asyncio.wrap_future(work.engine.submit(checklists_view, work)))


async def not_found(request: Request, exc: HTTPException):
    detail = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else "没有这个页面"
    if exc.status_code == 405:
        detail = "不支持这种请求"
    return _fail(exc.status_code, detail)


def create_app(token: str, port: int, work: Workspace):
    """The page's application for one start: `token` and `port` are those of this start."""
    api = [
        Route("/info", handled(info)),
        Route("/checklists", handled(lists)),
        Route("/uploads", handled(upload), methods=["PUT"]),
        Route("/reviews", handled(start_review), methods=["POST"]),
        Route("/reviews/{rid}", handled(review_status)),
        Route("/reviews/{rid}/result.json", handled(review_json)),
        Route("/reviews/{rid}/summary.xlsx", handled(review_xlsx)),
        Route("/reviews/{rid}/files/{k:int}", handled(review_file)),
        Route("/reviews/{rid}/files/{k:int}/annotated.docx", handled(review_annotated)),
        Route("/drafts", handled(new_draft), methods=["POST"]),
        Route("/drafts/{did}/scaffold.docx", handled(draft_file)),
    ]
    routes = [
        Route("/", index),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Mount("/api", routes=api),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: not_found})
    app.state.work = work
    return Guard(app, token, port)


def _source(source: str | None, given, config: str | None) -> str | None:
    """Where a year or region came from, as the page says it (the reader says 命令行参数)."""
    if source == "命令行参数":
        return "页面填写" if given else (config or source)
    return source


def _attachment(name: str) -> dict[str, str]:
    from urllib.parse import quote

    return {"content-disposition": f"attachment; filename=\"download{Path(name).suffix}\"; "
                                   f"filename*=UTF-8''{quote(name)}"}


def checklists_view(work: Workspace) -> dict:
    """The rules and dated facts in force, and which checklist files they come from."""
    own = work.settings.severity or {}
    rules = [{"code": code, "name": name, "severity": SEVERITY_CN[sev], "summary": summary,
              "set": SEVERITY_CN[own[code]] if code in own else None}
             for code, name, sev, summary in catalogue()]
    year = season()
    facts = [{"id": f.id, "kind": f.kind, "from": f.from_, "until": f.until, "years": _window(f),
              # what WD01 suggests in a report on `year` ({党代会}, {五年规划} … filled as it fills them)
              "instead": fill_instead(f.instead, year) if f.instead else None, "source": f.source}
             for f in checklists.facts().facts]
    files = [{"name": name, "path": str(path), "own": mine} for name, path, mine in checklists.sources()]
    folder = checklists.user_folder()
    return {"rules": rules, "facts": facts, "files": files, "folder": str(folder) if folder else None,
            "chosen": [r.code for r in work.settings.rules], "year": year, "checked": checked_cn()}


def _window(fact) -> str:
    """The years a fact is right for, with what the window means for it (as `rules --facts` says)."""
    notes = []
    if fact.stale_when == "cited":
        notes.append(f"{fact.until + 1}年度起只在作为现行依据引用时提示")
    if not fact.confirmed:
        notes.append("未确认已召开")
    return span_years(fact.from_, fact.until) + (f"（{'；'.join(notes)}）" if notes else "")


def season(today: date | None = None) -> int:
    """The report year being written now: last year's from January to September (reports are due
    in March), this year's from October on."""
    today = today or date.today()
    return today.year if today.month >= 10 else today.year - 1
