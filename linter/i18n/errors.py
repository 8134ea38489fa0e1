"""The errors' words: the reading errors, their details, the system's and the zip package's errors."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # the reading errors (RL-IO-xxx, RL-INT-xxx): what a file's verdict 无法读取 or 已跳过 says
    "input.RL-IO-001": {
        "zh": "无法识别的文件格式（支持 Word .docx/.doc、WPS .wps、网页 .html、PDF、OFD 和纯文本）",
        "en": "unrecognised file format (supported: Word .docx/.doc, WPS .wps, web page .html, PDF, OFD and plain text)",
    },
    "input.RL-IO-002": {
        "zh": "文件已损坏，不是有效的 zip/.docx 包",
        "en": "corrupt file: not a valid zip/.docx package",
    },
    "input.RL-IO-003": {"zh": "文档包中缺少 word/document.xml", "en": "the package has no word/document.xml"},
    "input.RL-IO-004": {
        "zh": "文件已加密（设置了密码），请在 Word/WPS 中取消密码后另存为 .docx",
        "en": "the file is encrypted (password-protected); remove the password in Word/WPS and save as .docx",
    },
    "input.RL-IO-005": {
        "zh": "文件超出安全限制（疑似压缩炸弹或恶意构造的文件）",
        "en": "the file exceeds a safety limit (possibly a zip bomb or a crafted file)",
    },
    "input.RL-IO-006": {"zh": "XML 解析错误", "en": "XML error"},
    "input.RL-IO-007": {
        "zh": "旧版二进制 Word 文档（Word 6.0/95 或更早）或其他 Office 二进制文件，请在 Word/WPS 中另存为 .docx，或运行 libreoffice --headless --convert-to docx",
        "en": "legacy binary Word document (Word 6.0/95 or older) or another Office binary; save it as .docx in Word/WPS or run libreoffice --headless --convert-to docx",
    },
    "input.RL-IO-008": {"zh": "文件为空", "en": "the file is empty"},
    "input.RL-IO-009": {
        "zh": "不支持的 Word 变体（启用宏的 .docm 或 Strict OOXML），请另存为普通 Word 文档 (.docx)",
        "en": "unsupported Word variant (macro-enabled .docm or Strict OOXML); save as a plain Word Document (.docx)",
    },
    "input.RL-IO-010": {"zh": "无法读取文件", "en": "the file cannot be read"},
    "input.RL-IO-011": {
        "zh": "不支持的文件格式，请另存为 Word 文档 (.docx)",
        "en": "unsupported file format; save it as a Word Document (.docx)",
    },
    "input.RL-IO-012": {"zh": "检查超时，已中止该文件", "en": "time limit exceeded; checking this file was stopped"},
    "input.RL-INT-001": {
        "zh": "reportlint 内部错误，请将该文件和命令报告给维护者（使用 --debug 查看详情）",
        "en": "internal reportlint error; please report the file and command to the maintainers (details with --debug)",
    },
    "input.RL-INT-002": {
        "zh": "检查进程意外退出（reportlint 或其依赖库的缺陷），请将该文件报告给维护者",
        "en": "the checking process died unexpectedly (a bug in reportlint or a library); please report the file",
    },
    "input.RL-IO-020": {
        "zh": "RTF 格式文档（可能被改了扩展名），请在 Word/WPS 中另存为 .docx，或运行 libreoffice --headless --convert-to docx",
        "en": "an RTF document (possibly renamed); save it as .docx in Word/WPS or run libreoffice --headless --convert-to docx",
    },
    "input.RL-IO-021": {
        "zh": "图片文件（扫描件或截图），无法读取其中的文字和表格；请检查报告的 .docx、网页或带文字的 PDF",
        "en": "an image (a scan or screenshot): its text and tables cannot be read; check the report's .docx, web page or a PDF with text",
    },
    "input.RL-IO-022": {
        "zh": "PDF/OFD 没有文字层（扫描件），无法读取；请检查原始 Word 文档，或先用 OCR 软件识别出文字",
        "en": "the PDF/OFD has no text layer (a scan); check the original Word document, or run OCR on it first",
    },
    "input.RL-IO-023": {
        "zh": "PDF 文件已损坏，无法解析；请重新导出 PDF，或检查原始 Word 文档",
        "en": "the PDF is damaged and cannot be parsed; export it again, or check the original Word document",
    },
    "input.RL-IO-024": {
        "zh": "PDF 已加密（设置了打开密码），请取消密码后重新导出",
        "en": "the PDF is encrypted (it has an open password); remove the password and export it again",
    },
    "input.RL-IO-025": {
        "zh": "MHT/MHTML 网页归档文件，请在浏览器中另存为「网页，仅 HTML」(.html)",
        "en": 'an MHT/MHTML web archive; save the page as "Web page, HTML only" (.html) in the browser',
    },
    "input.RL-IO-026": {
        "zh": "OpenDocument 文档（如 .odt），请在 WPS/LibreOffice 中另存为 Word 文档 (.docx)",
        "en": "an OpenDocument file (e.g. .odt); save it as a Word Document (.docx) in WPS/LibreOffice",
    },
    "input.RL-IO-027": {
        "zh": "Word 临时文件（以 ~$ 开头，Word 打开文档时生成），不是报告；请检查同名的 .docx 文件",
        "en": "a Word lock file (its name starts with ~$; Word makes it while the document is open), not a report; check the .docx of the same name",
    },
    "input.RL-IO-028": {
        "zh": "Word 97-2003 / WPS 文档（.doc/.wps）已损坏，无法解析；请在 Word/WPS 中打开后另存为 .docx",
        "en": "the Word 97-2003 / WPS document (.doc/.wps) is damaged and cannot be parsed; open it in Word/WPS and save it as .docx",
    },
    "input.RL-IO-029": {
        "zh": "OFD 文件结构不完整（缺少其中引用的文件或页面），请重新导出 OFD，或检查原始 Word 文档",
        "en": "the OFD is incomplete (a file or page it refers to is missing); export it again, or check the original Word document",
    },
    "input.RL-IO-030": {"zh": "不是报告文件", "en": "not a report file"},
    "input.RL-IO-031": {"zh": "不是普通文件，未打开", "en": "not a regular file; not opened"},
    "input.detail": {"zh": "{base}：{detail}", "en": "{base}: {detail}"},
    # the operating system's errors met naming or writing files
    "os.ENOENT": {"zh": "文件或文件夹不存在", "en": "no such file or folder"},
    "os.EACCES": {"zh": "没有读取权限", "en": "permission denied"},
    "os.EPERM": {"zh": "操作不被允许", "en": "operation not permitted"},
    "os.EISDIR": {"zh": "这是文件夹，不是文件", "en": "this is a folder, not a file"},
    "os.ENOTDIR": {"zh": "路径中有一部分不是文件夹", "en": "a part of the path is not a folder"},
    "os.ENAMETOOLONG": {"zh": "文件名太长", "en": "file name too long"},
    "os.ELOOP": {"zh": "符号链接循环", "en": "too many levels of symbolic links"},
    "os.ENOSPC": {"zh": "磁盘空间不足", "en": "no space left on the disk"},
    "os.EROFS": {"zh": "只读文件系统", "en": "read-only file system"},
    "os.EIO": {"zh": "磁盘读写错误", "en": "input/output error"},
    "os.EBUSY": {"zh": "文件正被占用", "en": "the file is busy"},
    "os.EEXIST": {"zh": "文件已存在", "en": "the file exists"},
    "os.EFBIG": {"zh": "文件超过系统允许的大小", "en": "file too large for the system's limit (ulimit -f)"},
    "os.EDQUOT": {"zh": "磁盘配额已用完", "en": "disk quota exceeded"},
    "os.unknown": {"zh": "系统错误 {errno}", "en": "system error {errno}"},
    "os.unknown_plain": {"zh": "系统错误", "en": "system error"},
    # a zip package's errors
    "zip.not_zip": {"zh": "不是 zip 文件", "en": "not a zip file"},
    "zip.truncated_header": {"zh": "zip 文件头被截断", "en": "truncated file header"},
    "zip.bad_magic": {"zh": "zip 文件头损坏", "en": "bad magic number"},
    "zip.bad_crc": {"zh": "zip 成员校验失败（数据已损坏）", "en": "bad CRC-32 (corrupt data)"},
    "zip.decompression": {"zh": "zip 成员解压失败（数据已损坏）", "en": "decompression failed (corrupt data)"},
    "zip.compression_method": {"zh": "zip 使用了不支持的压缩方法", "en": "unsupported compression method"},
    "zip.overlapped": {"zh": "zip 成员相互重叠（疑似恶意构造）", "en": "overlapping entries (possibly crafted)"},
    "zip.broken": {"zh": "zip 结构损坏", "en": "a broken zip structure"},
    # what a path that is not a regular file is
    "special.fifo": {"zh": "命名管道（FIFO）", "en": "a named pipe (FIFO)"},
    "special.socket": {"zh": "套接字", "en": "a socket"},
    "special.folder": {"zh": "文件夹", "en": "a folder"},
    "special.device": {"zh": "设备文件", "en": "a device"},
    # the details after a reading error
    "detail.detect.binary_data": {"zh": "二进制数据", "en": "binary data"},
    "detail.detect.excel_workbook_xls_not": {
        "zh": "Excel 工作簿（.xls），不是报告文档",
        "en": "an Excel workbook (.xls), not a report",
    },
    "detail.detect.powerpoint_presentation_ppt": {
        "zh": "PowerPoint 演示文稿（.ppt）",
        "en": "a PowerPoint presentation (.ppt)",
    },
    "detail.detect.word_2003_xml_document": {"zh": "Word 2003 XML 文档", "en": "Word 2003 XML document"},
    "detail.discover.folder_program_files": {
        "zh": "程序文件的文件夹（{name}）",
        "en": "a folder of program files ({name})",
    },
    "detail.discover.folder_unlisted": {
        "zh": "文件夹无法读取：{cause}",
        "en": "a folder that cannot be listed: {cause}",
    },
    "detail.discover.hidden_file_or_folder": {
        "zh": "隐藏文件或文件夹（{name}）",
        "en": "a hidden file or folder ({name})",
    },
    "detail.discover.kind.archive": {
        "zh": "不支持的压缩包（请解压，或改用 .zip）",
        "en": "an archive other than .zip (extract it, or use .zip)",
    },
    "detail.discover.kind.image": {"zh": "图片", "en": "an image"},
    "detail.discover.kind.other": {"zh": "其他类型的文件", "en": "another kind of file"},
    "detail.discover.kind.presentation": {"zh": "演示文稿", "en": "a presentation"},
    "detail.discover.kind.spreadsheet": {"zh": "表格", "en": "a spreadsheet"},
    "detail.discover.member_whose_path_leaves": {
        "zh": "路径指向压缩包之外的成员（绝对路径或含 ..），未解压",
        "en": "a member whose path leaves the archive (absolute, or with ..): not extracted",
    },
    "detail.discover.no_extension": {"zh": "（无扩展名）", "en": "(no extension)"},
    "detail.discover.other_file": {"zh": "{kind} {suffix}", "en": "{kind} {suffix}"},
    "detail.discover.symbolic_link_folder_it": {
        "zh": "指向其上级文件夹的符号链接（循环），未进入该文件夹",
        "en": "a symbolic link to a folder it is in (a loop), not followed",
    },
    "detail.discover.zip_nested_too_deep": {
        "zh": "嵌套超过两层的压缩包不会展开，请解压后单独检查",
        "en": "a .zip nested more than two levels deep is not expanded: extract it and check it on its own",
    },
    "detail.doc.array_entries_byte_lies": {
        "zh": "第 {pos} 字节处的 {count} 项数组超出了所在数据流",
        "en": "an array of {count} entries at byte {pos} lies outside its stream",
    },
    "detail.doc.bytes": {"zh": "{what}长度 {n_plc} 字节不合规", "en": "{what} of {n_plc} bytes"},
    "detail.doc.bytes_lies_outside_stream": {
        "zh": "{what}（第 {pos} 字节起 {size} 字节）超出了所在数据流（共 {n_data} 字节）",
        "en": "{what} ({size} bytes at {pos}) lies outside its stream of {n_data} bytes",
    },
    "detail.doc.character_property_page_entries": {
        "zh": "字符属性页记录了 {crun} 项，超出页面",
        "en": "a character property page with {crun} entries",
    },
    "detail.doc.compound_file_broken": {
        "zh": "OLE 复合文件结构损坏（{kind}）",
        "en": "the compound file is broken ({kind})",
    },
    "detail.doc.document_has_no_piece": {"zh": "文档缺少文本片段表", "en": "the document has no piece table"},
    "detail.doc.document_has_no_table": {"zh": "文档缺少 Table 数据流", "en": "the document has no table stream"},
    "detail.doc.fib_counts_characters_stream": {
        "zh": "文件信息块记录的字符数 {ccp_text} 超过了数据流长度 {n_word}",
        "en": "the FIB counts {ccp_text} characters in a stream of {n_word} bytes",
    },
    "detail.doc.office_binary_ole_file": {
        "zh": "不含 Word 文档的 Office 二进制（OLE）文件",
        "en": "an Office binary (OLE) file without a Word document",
    },
    "detail.doc.office_file_encrypted_password": {
        "zh": "设置了密码的 Office 加密文件（OLE EncryptedPackage）",
        "en": "an Office file encrypted with a password (OLE EncryptedPackage)",
    },
    "detail.doc.paragraph_property_page_entries": {
        "zh": "段落属性页记录了 {crun} 项，超出页面",
        "en": "a paragraph property page with {crun} entries",
    },
    "detail.doc.piece_table_bytes": {"zh": "文本片段表长度 {lcb} 字节不合规", "en": "a piece table of {lcb} bytes"},
    "detail.doc.piece_table_missing_from": {
        "zh": "Clx 结构中缺少文本片段表",
        "en": "the piece table is missing from its Clx",
    },
    "detail.doc.piece_table_s_character": {
        "zh": "文本片段表的字符位置顺序错乱",
        "en": "the piece table's character positions are out of order",
    },
    "detail.doc.pieces_hold_document_s": {
        "zh": "文本片段只有 {n_text} 个字符，文档应有 {ccp_text} 个",
        "en": "the pieces hold {n_text} of the document's {ccp_text} characters",
    },
    "detail.doc.property_pages": {"zh": "{count} 个属性页", "en": "{count} property pages"},
    "detail.doc.stream_compound_file_broken": {
        "zh": "OLE 复合文件的数据流损坏（{kind}）",
        "en": "a stream of the compound file is broken ({kind})",
    },
    "detail.doc.structure_byte_lies_outside": {
        "zh": "第 {pos} 字节处的结构超出了所在数据流（共 {n_data} 字节）",
        "en": "a structure at byte {pos} lies outside its stream of {n_data} bytes",
    },
    "detail.doc.text_pieces": {"zh": "{count} 个文本片段", "en": "{count} text pieces"},
    "detail.doc.too_many_piece_properties": {"zh": "文本片段属性过多", "en": "too many piece properties"},
    "detail.doc.word_6_0_95": {"zh": "Word 6.0/95 文档", "en": "a Word 6.0/95 document"},
    "detail.doc.word_document_encrypted_password": {
        "zh": "设置了密码的 Word 文档",
        "en": "a Word document encrypted with a password",
    },
    "detail.doc.worddocument_stream_does_not": {
        "zh": "WordDocument 数据流开头不是 Word 文件信息块",
        "en": "the WordDocument stream does not start with a Word FIB",
    },
    "detail.docx.bytes": {"zh": "{n_data} 字节", "en": "{n_data} bytes"},
    "detail.docx.bytes_uncompressed": {"zh": "解压后 {file_size} 字节", "en": "{file_size} bytes uncompressed"},
    "detail.docx.bytes_uncompressed_total": {
        "zh": "解压后共 {total} 字节",
        "en": "{total} bytes uncompressed in total",
    },
    "detail.docx.compression_ratio": {"zh": "压缩比 {ratio:.0f}", "en": "compression ratio {ratio:.0f}"},
    "detail.docx.doctype_not_allowed": {"zh": "{name}：不允许 DOCTYPE 声明", "en": "{name}: DOCTYPE not allowed"},
    "detail.docx.elements_nested_more_than": {
        "zh": "元素嵌套超过 {max_depth} 层",
        "en": "elements nested more than {max_depth} deep",
    },
    "detail.docx.line": {"zh": "{name} 第 {line} 行：{msg}", "en": "{name} line {line}: {msg}"},
    "detail.docx.more_than_bytes_when": {
        "zh": "解压后超过 {cap} 字节",
        "en": "more than {cap} bytes when decompressed",
    },
    "detail.docx.text": {"zh": "{name}：{msg}（{shown}）", "en": "{name}: {msg} ({shown})"},
    "detail.docx.zip_members": {"zh": "zip 成员 {n_infos} 个", "en": "{n_infos} zip members"},
    "detail.limit.larger_html_file": {"zh": "网页文件更大", "en": "a larger HTML file"},
    "detail.limit.larger_text_file": {"zh": "文本文件更大", "en": "a larger text file"},
    "detail.limit.more_bytes_uncompressed_one": {
        "zh": "一次上传解压后的字节数更多",
        "en": "more bytes uncompressed in one request",
    },
    "detail.limit.out_memory_while_reading": {"zh": "读取时内存不足", "en": "out of memory while reading"},
    "detail.limit.out_memory_while_writing": {
        "zh": "写入批注副本时内存不足",
        "en": "out of memory while writing the annotated copy",
    },
    "detail.limit.over": {"zh": "{found}，超过限制 {limit}", "en": "{found}, over the limit {limit}"},
    "detail.limit.table_cells": {"zh": "表格有 {n_occupied} 个单元格", "en": "a table with {n_occupied} cells"},
    "detail.limit.table_row_columns_wide": {"zh": "表格一行宽 {width} 列", "en": "a table row {width} columns wide"},
    "detail.limit.table_row_columns_wide_2": {
        "zh": "表格某行宽 {c_colspan} 列",
        "en": "a table row {c_colspan} columns wide",
    },
    "detail.limit.table_row_columns_wide_3": {"zh": "表格一行宽 {cols} 列", "en": "a table row {cols} columns wide"},
    "detail.limit.table_rows": {"zh": "表格有 {n_rows} 行", "en": "a table of {n_rows} rows"},
    "detail.limit.table_rows_2": {"zh": "表格有 {n_rows} 行", "en": "a table with {n_rows} rows"},
    "detail.limit.table_x_cells": {
        "zh": "表格有 {n_rows} × {width} 个单元格",
        "en": "a table of {n_rows} x {width} cells",
    },
    "detail.limit.table_x_cells_2": {
        "zh": "表格有 {n_rows} x {n_cols} 个单元格",
        "en": "a table of {n_rows} x {n_cols} cells",
    },
    "detail.limit.table_x_cells_3": {
        "zh": "表格有 {n_slots} × {width} 个单元格",
        "en": "a table of {n_slots} x {width} cells",
    },
    "detail.limit.too_many_paragraphs_and": {"zh": "段落和表格过多", "en": "too many paragraphs and tables"},
    "detail.member": {"zh": "{member}：{detail}", "en": "{member}: {detail}"},
    "detail.ofd.document": {"zh": "文档", "en": "the document"},
    "detail.ofd.entry_file": {"zh": "入口文件", "en": "the entry file"},
    "detail.ofd.lists_no_pages": {"zh": "{doc_name} 中没有页面", "en": "{doc_name} lists no pages"},
    "detail.ofd.missing": {"zh": "缺少{what} {name}", "en": "{what} {name} is missing"},
    "detail.ofd.ofd_pages": {"zh": "OFD 有 {n_entries} 页", "en": "an OFD of {n_entries} pages"},
    "detail.ofd.ofd_without_text_objects": {
        "zh": "OFD 中没有文字对象（页面是图片，或文字画成了轮廓）",
        "en": "an OFD without text objects (pages of images, or glyphs drawn as outlines)",
    },
    "detail.ofd.ofd_xml_names_no": {"zh": "OFD.xml 中没有文档（DocRoot）", "en": "OFD.xml names no document (DocRoot)"},
    "detail.ofd.template_page": {"zh": "模板页", "en": "a template page"},
    "detail.ofd.page": {"zh": "页面", "en": "a page"},
    "detail.pdf.page_x_ruling_lines": {
        "zh": "第{number}页有 {n_h} x {n_v} 条表格线",
        "en": "page {number}: {n_h} x {n_v} ruling lines",
    },
    "detail.pdf.pdf_pages": {"zh": "PDF 有 {pages} 页", "en": "a PDF of {pages} pages"},
    "detail.pdf.stream_inflating_more_than": {
        "zh": "解压后超过 {max_member_bytes} 字节的数据流",
        "en": "a stream inflating to more than {max_member_bytes} bytes",
    },
    "detail.pdf.streams_inflating_more_than": {
        "zh": "数据流解压后共超过 {max_total_uncompressed} 字节",
        "en": "streams inflating to more than {max_total_uncompressed} bytes",
    },
    # the run's errors: baselines, rosters, files to write
    "error.baseline.cannot_read": {"zh": "{path}：无法读取：{detail}", "en": "{path}: cannot read: {detail}"},
    "error.baseline.files_must_be_list": {
        "zh": "{path}：$.files.{file}：应为列表",
        "en": "{path}: $.files.{file}: must be a list",
    },
    "error.baseline.not_baseline_file_json": {
        "zh": "{path}：不是基线文件（第 {lineno} 行 JSON 格式错误）",
        "en": "{path}: not a baseline file (JSON error at line {lineno})",
    },
    "error.baseline.not_reportlint_baseline_format": {
        "zh": "{path}：不是 reportlint 基线文件（格式 {format}）",
        "en": "{path}: not a reportlint baseline (format {format})",
    },
    "error.roster.entry_has_no_name": {"zh": "第 {n} 个单位没有名称", "en": "entry {n} has no name"},
    "error.roster.no_such_roster_file": {"zh": "名册文件不存在", "en": "no such roster file"},
    "error.roster.roster_could_not_be": {"zh": "无法读取名册（{kind}）", "en": "the roster could not be read ({kind})"},
    "error.roster.roster_list_bodies_one": {
        "zh": "名册应为单位列表（bodies: 下每项一个单位）",
        "en": "a roster is a list of bodies (one item each under bodies:)",
    },
    "error.roster.roster_lists_no_body": {"zh": "名册中没有单位", "en": "the roster lists no body"},
    "error.roster.roster_s_first_row": {
        "zh": "名册第一行应为表头，至少包括「名称」列",
        "en": "a roster's first row is its header, with a name column at least",
    },
    "error.roster.roster_yaml_csv_or": {
        "zh": "名册应为 YAML、CSV 或 xlsx 文件",
        "en": "a roster is a YAML, CSV or xlsx file",
    },
    "error.write.cannot_write": {"zh": "无法写入 {path}：{cause}", "en": "cannot write {path}: {cause}"},
    "error.write.clash": {
        "zh": "{role} {output} 会覆盖本次检查的输入文件{same}",
        "en": "{role} {output} would replace an input of this run{same}",
    },
    "error.write.nothing": {
        "zh": "未读取、未写入任何文件；请换一个输出文件名",
        "en": "nothing was read or written; choose another output file",
    },
    "error.write.nothing_copies": {
        "zh": "未读取、未写入任何文件；请不要把已批注的副本（*.reviewed.docx）作为输入，或用 -o 指定其他文件夹",
        "en": "nothing was read or written; leave the annotated copies (*.reviewed.docx) out of the inputs, or give another folder with -o",
    },
    "error.write.role.baseline": {"zh": "基线文件", "en": "the baseline file"},
    "error.write.role.copy": {"zh": "批注副本", "en": "the annotated copy"},
    "error.write.role.output": {"zh": "输出文件", "en": "the output file"},
    "error.write.same_file": {
        "zh": "（与输入文件 {input} 是同一个文件）",
        "en": " (the same file as the input {input})",
    },
    "error.write.temporary_folder_cannot_hold": {
        "zh": "临时文件夹 {folder} 无法保存检查结果：{detail}（请清理磁盘空间，或用环境变量 TMPDIR 指定其他文件夹）",
        "en": "the temporary folder {folder} cannot hold the results: {detail} (free some space, or set TMPDIR to another folder)",
    },
    # the .doc structures a damaged file's detail names (detail.doc.bytes_lies_outside_stream)
    "detail.doc.part.data_papx": {"zh": "数据流中的段落属性", "en": "paragraph properties in the Data stream"},
    "detail.doc.part.sections": {"zh": "节表", "en": "the section table"},
    "detail.doc.part.fib_table": {"zh": "文件信息块的结构表", "en": "the FIB's table of structures"},
    "detail.doc.part.list_level": {"zh": "列表级别", "en": "a list level"},
    "detail.doc.part.list_level_text": {"zh": "列表级别的文字", "en": "a list level's text"},
    "detail.doc.part.lists": {"zh": "列表定义表", "en": "the list table"},
    "detail.doc.part.list_overrides": {"zh": "列表覆盖表", "en": "the list overrides"},
    "detail.doc.part.pieces": {"zh": "文本片段表", "en": "the piece table"},
    "detail.doc.part.piece_properties": {"zh": "文本片段属性", "en": "a piece's properties"},
    "detail.doc.part.text_piece": {"zh": "文本片段", "en": "a text piece"},
    "detail.doc.part.papx_page": {"zh": "段落属性页", "en": "a paragraph property page"},
    "detail.doc.part.papx": {"zh": "段落属性", "en": "paragraph properties"},
    "detail.doc.part.chpx_page": {"zh": "字符属性页", "en": "a character property page"},
    "detail.doc.part.chpx": {"zh": "字符属性", "en": "character properties"},
    "detail.doc.part.styles": {"zh": "样式表", "en": "the style sheet"},
    "detail.doc.part.style_name": {"zh": "样式名称", "en": "a style name"},
    "detail.doc.part.style_properties": {"zh": "样式属性", "en": "a style's properties"},
    "detail.doc.part.papx_bins": {"zh": "段落属性索引表", "en": "the paragraph bin table"},
    "detail.doc.part.chpx_bins": {"zh": "字符属性索引表", "en": "the character bin table"},
    "detail.pdf.page_unloadable": {"zh": "第 {page} 页无法载入", "en": "page {page} cannot be loaded"},
}
