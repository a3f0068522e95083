#!/usr/bin/env python3
"""Render the first sheet of a flat ODS file (LibreOffice's `--convert-to fods`) as an HTML
table, keeping what LibreOffice read: column widths, cell background and weight, and the
colour and weight of every text span inside a cell (the workbook's red/bold span).

LibreOffice's own HTML export writes a cell's text without its spans, so a screenshot of it
loses the rich text the workbook has; this is what scripts/screenshots.sh uses instead.

Usage: sheet-html.py BOOK.fods OUT.html [ROWS]
"""
import html
import sys
import xml.etree.ElementTree as ET

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


def q(prefix, name):
    return "{%s}%s" % (NS[prefix], name)


def styles(root):
    """style name -> CSS declarations (text colour/weight, cell background, column width)."""
    out = {}
    for st in root.iter(q("style", "style")):
        css = []
        for props in st:
            tag = props.tag.split("}")[1]
            color = props.get(q("fo", "color"))
            if tag == "text-properties":
                if color:
                    css.append("color:%s" % color)
                if props.get(q("fo", "font-weight")) == "bold":
                    css.append("font-weight:bold")
            bg = props.get(q("fo", "background-color"))
            if tag == "table-cell-properties" and bg and bg != "transparent":
                css.append("background:%s" % bg)
            width = props.get(q("style", "column-width"))
            if tag == "table-column-properties" and width:
                css.append("width:%s;min-width:%s;max-width:%s" % (width, width, width))
        out[st.get(q("style", "name"))] = ";".join(css)
    return out


def inline(node, st):
    """The HTML of a text:p or text:span's content."""
    parts = [html.escape(node.text or "")]
    for child in node:
        tag = child.tag.split("}")[1]
        if tag == "span":
            css = st.get(child.get(q("text", "style-name")), "")
            parts.append('<span style="%s">%s</span>' % (css, inline(child, st)))
        elif tag == "s":
            parts.append(" " * int(child.get(q("text", "c"), "1")))
        elif tag == "line-break":
            parts.append("<br>")
        elif tag == "tab":
            parts.append("&emsp;")
        else:
            parts.append(inline(child, st))
        parts.append(html.escape(child.tail or ""))
    return "".join(parts)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    max_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    root = ET.parse(src).getroot()
    st = styles(root)
    sheet = next(root.iter(q("table", "table")))
    cols = []
    for c in sheet.iter(q("table", "table-column")):
        n = int(c.get(q("table", "number-columns-repeated"), "1"))
        cols.extend([st.get(c.get(q("table", "style-name")), "")] * min(n, 64))
    rows = []
    for r in sheet.iter(q("table", "table-row")):
        if len(rows) >= max_rows:
            break
        cells = []
        for c in r:
            if c.tag not in (q("table", "table-cell"), q("table", "covered-table-cell")):
                continue
            n = int(c.get(q("table", "number-columns-repeated"), "1"))
            css = st.get(c.get(q("table", "style-name")), "")
            body = "<br>".join(inline(p, st) for p in c.findall(q("text", "p")))
            cells.extend([(css, body)] * min(n, 64))
        while cells and not cells[-1][1]:
            cells.pop()
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    out = [
        "<!doctype html><meta charset=utf-8><style>",
        "body{margin:0;zoom:0.6;font:12px Carlito,Calibri,'DejaVu Sans',sans-serif}",
        "table{border-collapse:collapse;table-layout:fixed}",
        "td{border:1px solid #d0d0d0;padding:2px 4px;vertical-align:top;overflow:hidden;",
        "white-space:pre-wrap;overflow-wrap:anywhere}",
        "</style><table><colgroup>",
    ]
    for i in range(width):
        out.append('<col style="%s">' % (cols[i] if i < len(cols) else ""))
    out.append("</colgroup>")
    for cells in rows:
        out.append("<tr>")
        for i in range(width):
            css, body = cells[i] if i < len(cells) else ("", "")
            out.append('<td style="%s">%s</td>' % (css, body))
        out.append("</tr>")
    out.append("</table>")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
