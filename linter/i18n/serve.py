"""The server's words: its errors and the page."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "serve.not_multipart": {
        "zh": "请以 multipart/form-data 上传文件（字段名 files）",
        "en": "upload the files as multipart/form-data (field name files)",
    },
    "serve.bad_multipart": {"zh": "上传的数据格式有误，无法解析", "en": "the upload is malformed and cannot be parsed"},
    "serve.no_files": {"zh": "没有收到文件（字段名 files）", "en": "no files received (field name files)"},
    "serve.too_many_files": {"zh": "一次最多检查 {n} 个文件", "en": "at most {n} files can be checked at once"},
    "serve.request_too_large": {
        "zh": "上传内容过大：一次最多 {mb} MB",
        "en": "the upload is too large: at most {mb} MB at once",
    },
    "serve.field_too_large": {"zh": "表单字段过长", "en": "a form field is too long"},
    "serve.busy": {"zh": "服务器正忙，请稍后再试", "en": "the server is busy; try again shortly"},
    "serve.busy_client": {
        "zh": "您同时上传的检查过多（每个地址最多 {n} 个），请等前面的完成后再试",
        "en": "too many uploads from your address at once (at most {n}); try again when one is done",
    },
    "serve.host": {
        "zh": "不接受该 Host 请求头（仅服务于 {hosts}）",
        "en": "this Host header is not accepted (served: {hosts})",
    },
    "serve.origin": {"zh": "不接受跨站请求", "en": "cross-site requests are not accepted"},
    "serve.token": {"zh": "需要访问令牌", "en": "an access token is required"},
    "serve.no_such_file": {"zh": "上传的文件中没有 {path}", "en": "the upload holds no {path}"},
    "serve.one_file": {
        "zh": "请只上传一个文件（.docx，或含该文件的 .zip 并注明 path）",
        "en": "upload one file (a .docx, or a .zip holding it with its path)",
    },
    "serve.not_found": {"zh": "没有这个地址", "en": "no such address"},
    "serve.method": {"zh": "不支持该请求方法", "en": "method not allowed"},
    "serve.format": {"zh": "不支持的格式：{fmt}", "en": "unsupported format: {fmt}"},
    "serve.internal": {"zh": "服务器内部错误", "en": "internal server error"},
    "serve.title": {"zh": "reportlint 年度报告检查", "en": "reportlint annual report check"},
    "serve.lead": {
        "zh": "把政府信息公开工作年度报告拖到这里，或点击选择文件。支持 Word（.docx）、PDF、网页（.html）、纯文本（.txt），也可以上传包含一个文件夹的 .zip。文件只在检查期间保存在本机的临时文件夹中，检查完即删除。",
        "en": "Drop government information-disclosure annual reports here, or click to choose files: Word (.docx), PDF, web pages (.html), plain text (.txt), or a .zip of a folder. Files stay in a private temporary folder on this machine only while they are checked.",
    },
    "serve.choose": {"zh": "选择文件", "en": "Choose files"},
    "serve.drop": {"zh": "拖放文件到此处", "en": "Drop files here"},
    "serve.checking": {"zh": "正在检查 {n} 个文件…", "en": "Checking {n} file(s)…"},
    "serve.done": {"zh": "检查完成：{n} 个文件", "en": "Checked: {n} file(s)"},
    "serve.failed": {"zh": "检查失败：", "en": "The check failed: "},
    "serve.downloads": {"zh": "下载检查结果：", "en": "Download the results: "},
    "serve.annotated": {"zh": "下载带批注的 Word 文档", "en": "Download the annotated Word document"},
    "serve.kit": {"zh": "全部退回文件（zip）", "en": "Everything to send back (zip)"},
    "serve.kit_name": {"zh": "退回文件.zip", "en": "send-back.zip"},
    "serve.token_label": {"zh": "访问令牌", "en": "Access token"},
    "serve.token_hint": {
        "zh": "该服务器需要访问令牌，请向管理员索取，输入一次即可（保存在本浏览器中）。",
        "en": "This server needs an access token; ask its administrator. It is asked once (kept in this browser).",
    },
    "serve.token_ok": {"zh": "确定", "en": "OK"},
    "serve.lang_other": {"zh": "English", "en": "中文"},
    "serve.stores": {"zh": "服务器不保存任何文件或检查结果。", "en": "The server keeps no files and no results."},
}
