"""The server's own words (its errors and the page), in Chinese (default) and English."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "not_multipart": "请以 multipart/form-data 上传文件（字段名 files）",
        "bad_multipart": "上传的数据格式有误，无法解析",
        "no_files": "没有收到文件（字段名 files）",
        "too_many_files": "一次最多检查 {n} 个文件",
        "request_too_large": "上传内容过大：一次最多 {mb} MB",
        "field_too_large": "表单字段过长",
        "busy": "服务器正忙，请稍后再试",
        "busy_client": "您同时上传的检查过多（每个地址最多 {n} 个），请等前面的完成后再试",
        "host": "不接受该 Host 请求头（仅服务于 {hosts}）",
        "origin": "不接受跨站请求",
        "token": "需要访问令牌",
        "no_such_file": "上传的文件中没有 {path}",
        "one_file": "请只上传一个文件（.docx，或含该文件的 .zip 并注明 path）",
        "not_found": "没有这个地址",
        "method": "不支持该请求方法",
        "format": "不支持的格式：{fmt}",
        "internal": "服务器内部错误",
        # the page
        "title": "reportlint 年度报告检查",
        "lead": "把政府信息公开工作年度报告拖到这里，或点击选择文件。支持 Word（.docx）、PDF、网页（.html）、纯文本（.txt），"
        "也可以上传包含一个文件夹的 .zip。文件只在检查期间保存在本机的临时文件夹中，检查完即删除。",
        "choose": "选择文件",
        "drop": "拖放文件到此处",
        "checking": "正在检查 {n} 个文件…",
        "done": "检查完成：{n} 个文件",
        "failed": "检查失败：",
        "downloads": "下载检查结果：",
        "annotated": "下载带批注的 Word 文档",
        "kit": "全部退回文件（zip）",
        "kit_name": "退回文件.zip",
        "token_label": "访问令牌",
        "token_hint": "该服务器需要访问令牌，请向管理员索取，输入一次即可（保存在本浏览器中）。",
        "token_ok": "确定",
        "lang_other": "English",
        "stores": "服务器不保存任何文件或检查结果。",
    },
    "en": {
        "not_multipart": "upload the files as multipart/form-data (field name files)",
        "bad_multipart": "the upload is malformed and cannot be parsed",
        "no_files": "no files received (field name files)",
        "too_many_files": "at most {n} files can be checked at once",
        "request_too_large": "the upload is too large: at most {mb} MB at once",
        "field_too_large": "a form field is too long",
        "busy": "the server is busy; try again shortly",
        "busy_client": "too many uploads from your address at once (at most {n}); try again when one is done",
        "host": "this Host header is not accepted (served: {hosts})",
        "origin": "cross-site requests are not accepted",
        "token": "an access token is required",
        "no_such_file": "the upload holds no {path}",
        "one_file": "upload one file (a .docx, or a .zip holding it with its path)",
        "not_found": "no such address",
        "method": "method not allowed",
        "format": "unsupported format: {fmt}",
        "internal": "internal server error",
        "title": "reportlint annual report check",
        "lead": "Drop government information-disclosure annual reports here, or click to choose files: Word (.docx), "
        "PDF, web pages (.html), plain text (.txt), or a .zip of a folder. Files stay in a private temporary "
        "folder on this machine only while they are checked.",
        "choose": "Choose files",
        "drop": "Drop files here",
        "checking": "Checking {n} file(s)…",
        "done": "Checked: {n} file(s)",
        "failed": "The check failed: ",
        "downloads": "Download the results: ",
        "annotated": "Download the annotated Word document",
        "kit": "Everything to send back (zip)",
        "kit_name": "send-back.zip",
        "token_label": "Access token",
        "token_hint": "This server needs an access token; ask its administrator. It is asked once (kept in this browser).",
        "token_ok": "OK",
        "lang_other": "中文",
        "stores": "The server keeps no files and no results.",
    },
}


def w(key: str, lang: str, **params: object) -> str:
    return WORDS.get(lang, WORDS["zh"])[key].format(**params)
