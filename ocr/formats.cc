#include "ocr/formats.h"

#include <pugixml.hpp>

#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace bayyina::ocr {
namespace {

void AppendJsonString(std::string& out, const std::string& s) {
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string JsonBox(const Box& b) {
  return absl::StrCat("[", b.left, ",", b.top, ",", b.right, ",", b.bottom, "]");
}

std::string HocrBox(const Box& b) {
  return absl::StrCat("bbox ", b.left, " ", b.top, " ", b.right, " ", b.bottom);
}

std::string XmlString(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace

std::string ToText(absl::Span<const Page> pages) {
  std::string out;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) out += '\f';
    out += PlainText(pages[i]);
  }
  return out;
}

std::string ToJson(absl::Span<const Page> pages) {
  std::string out = "{\"pages\":[";
  for (size_t p = 0; p < pages.size(); ++p) {
    const Page& page = pages[p];
    if (p > 0) out += ',';
    absl::StrAppend(&out, "{\"number\":", page.number, ",\"width\":", page.width,
                    ",\"height\":", page.height, ",\"dpi\":", page.dpi, ",\"language\":");
    AppendJsonString(out, page.language);
    out += ",\"blocks\":[";
    for (size_t b = 0; b < page.blocks.size(); ++b) {
      const Block& block = page.blocks[b];
      if (b > 0) out += ',';
      absl::StrAppend(&out, "{\"box\":", JsonBox(block.box), ",\"lines\":[");
      for (size_t l = 0; l < block.lines.size(); ++l) {
        const Line& line = block.lines[l];
        if (l > 0) out += ',';
        absl::StrAppend(&out, "{\"box\":", JsonBox(line.box), ",\"direction\":\"",
                        line.direction == Direction::kRightToLeft ? "rtl" : "ltr",
                        "\",\"words\":[");
        for (size_t w = 0; w < line.words.size(); ++w) {
          const Word& word = line.words[w];
          if (w > 0) out += ',';
          out += "{\"text\":";
          AppendJsonString(out, word.text);
          absl::StrAppend(&out, ",\"box\":", JsonBox(word.box), ",\"confidence\":",
                          absl::StrFormat("%.1f", word.confidence), ",\"language\":");
          AppendJsonString(out, word.language);
          out += '}';
        }
        out += "]}";
      }
      out += "]}";
    }
    out += "]}";
  }
  out += "]}\n";
  return out;
}

std::string ToHocr(absl::Span<const Page> pages) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  doc.append_child(pugi::node_doctype)
      .set_value(
          "html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
          "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"");
  pugi::xml_node html = doc.append_child("html");
  html.append_attribute("xmlns") = "http://www.w3.org/1999/xhtml";
  pugi::xml_node head = html.append_child("head");
  head.append_child("title").text() = "";
  pugi::xml_node meta = head.append_child("meta");
  meta.append_attribute("http-equiv") = "Content-Type";
  meta.append_attribute("content") = "text/html;charset=utf-8";
  pugi::xml_node system = head.append_child("meta");
  system.append_attribute("name") = "ocr-system";
  system.append_attribute("content") = "bayyina (tesseract 5)";
  pugi::xml_node caps = head.append_child("meta");
  caps.append_attribute("name") = "ocr-capabilities";
  caps.append_attribute("content") = "ocr_page ocr_carea ocr_line ocrx_word";
  pugi::xml_node body = html.append_child("body");
  for (const Page& page : pages) {
    const std::string p = absl::StrCat(page.number);
    pugi::xml_node div = body.append_child("div");
    div.append_attribute("class") = "ocr_page";
    div.append_attribute("id") = ("page_" + p).c_str();
    div.append_attribute("lang") = page.language.c_str();
    div.append_attribute("title") =
        absl::StrCat(HocrBox(Box{0, 0, page.width, page.height}), "; ppageno ",
                     page.number - 1, "; scan_res ", page.dpi, " ", page.dpi)
            .c_str();
    int block_id = 0, line_id = 0, word_id = 0;
    for (const Block& block : page.blocks) {
      pugi::xml_node area = div.append_child("div");
      area.append_attribute("class") = "ocr_carea";
      area.append_attribute("id") = absl::StrCat("block_", p, "_", ++block_id).c_str();
      area.append_attribute("title") = HocrBox(block.box).c_str();
      for (const Line& line : block.lines) {
        pugi::xml_node span = area.append_child("span");
        span.append_attribute("class") = "ocr_line";
        span.append_attribute("id") = absl::StrCat("line_", p, "_", ++line_id).c_str();
        span.append_attribute("title") = HocrBox(line.box).c_str();
        span.append_attribute("dir") =
            line.direction == Direction::kRightToLeft ? "rtl" : "ltr";
        for (const Word& word : line.words) {
          pugi::xml_node w = span.append_child("span");
          w.append_attribute("class") = "ocrx_word";
          w.append_attribute("id") = absl::StrCat("word_", p, "_", ++word_id).c_str();
          w.append_attribute("title") =
              absl::StrCat(HocrBox(word.box), "; x_wconf ",
                           static_cast<int>(word.confidence + 0.5f))
                  .c_str();
          w.append_attribute("lang") = word.language.c_str();
          w.text() = word.text.c_str();
          span.append_child(pugi::node_pcdata).set_value(" ");
        }
      }
    }
  }
  return XmlString(doc);
}

std::string ToAlto(absl::Span<const Page> pages) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node alto = doc.append_child("alto");
  alto.append_attribute("xmlns") = "http://www.loc.gov/standards/alto/ns-v4#";
  alto.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  alto.append_attribute("xsi:schemaLocation") =
      "http://www.loc.gov/standards/alto/ns-v4# "
      "http://www.loc.gov/alto/v4/alto-4-2.xsd";
  pugi::xml_node description = alto.append_child("Description");
  description.append_child("MeasurementUnit").text() = "pixel";
  pugi::xml_node software =
      description.append_child("OCRProcessing").append_child("ocrProcessingStep")
          .append_child("processingSoftware");
  software.append_child("softwareName").text() = "bayyina";
  pugi::xml_node layout = alto.append_child("Layout");
  auto set_box = [](pugi::xml_node node, const Box& b) {
    node.append_attribute("HPOS") = b.left;
    node.append_attribute("VPOS") = b.top;
    node.append_attribute("WIDTH") = b.width();
    node.append_attribute("HEIGHT") = b.height();
  };
  for (const Page& page : pages) {
    const std::string p = absl::StrCat(page.number);
    pugi::xml_node pg = layout.append_child("Page");
    pg.append_attribute("ID") = ("page_" + p).c_str();
    pg.append_attribute("PHYSICAL_IMG_NR") = page.number;
    pg.append_attribute("WIDTH") = page.width;
    pg.append_attribute("HEIGHT") = page.height;
    pugi::xml_node space = pg.append_child("PrintSpace");
    set_box(space, Box{0, 0, page.width, page.height});
    int block_id = 0, line_id = 0, word_id = 0;
    for (const Block& block : page.blocks) {
      pugi::xml_node tb = space.append_child("TextBlock");
      tb.append_attribute("ID") = absl::StrCat("block_", p, "_", ++block_id).c_str();
      set_box(tb, block.box);
      for (const Line& line : block.lines) {
        pugi::xml_node tl = tb.append_child("TextLine");
        tl.append_attribute("ID") = absl::StrCat("line_", p, "_", ++line_id).c_str();
        set_box(tl, line.box);
        bool first = true;
        for (const Word& word : line.words) {
          if (!first) tl.append_child("SP");
          first = false;
          pugi::xml_node s = tl.append_child("String");
          s.append_attribute("ID") = absl::StrCat("string_", p, "_", ++word_id).c_str();
          set_box(s, word.box);
          s.append_attribute("WC") = absl::StrFormat("%.2f", word.confidence / 100.0f).c_str();
          s.append_attribute("LANG") = word.language.c_str();
          s.append_attribute("CONTENT") = word.text.c_str();
        }
      }
    }
  }
  return XmlString(doc);
}

}  // namespace bayyina::ocr
