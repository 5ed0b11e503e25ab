<?xml version="1.0" encoding="UTF-8"?>
<!-- preview.xsl: qinggao XML → an HTML page set like print, for an editor to look at:
       xsltproc schema/preview.xsl page.xml > page.html
     First-line indent of two em, strict line breaking, justified text, Chinese fonts. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:q="urn:qinggao:1" exclude-result-prefixes="q">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:template match="/q:qinggao">
    <html lang="zh-Hans">
      <head>
        <meta charset="UTF-8"/>
        <title>qinggao preview</title>
        <style>
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif;
       background: #f4f1ea; margin: 0; padding: 2em; }
.document { background: #fff; max-width: 46em; margin: 0 auto 2em; padding: 2em 3em;
            box-shadow: 0 1px 4px rgba(0,0,0,.2); }
.source { font: 12px monospace; color: #888; }
article { border-top: 2px solid #222; padding-top: 1em; margin-top: 1.5em;
          line-break: strict; word-break: normal; text-align: justify; text-spacing-trim: normal; }
p { text-indent: 2em; margin: 0; line-height: 1.8; hanging-punctuation: allow-end; }
.section { display: inline-block; background: #222; color: #fff; padding: 0 .5em; font-size: .9em; }
.kicker { font-size: 1.1em; margin: .3em 0; }
h1.title { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 2em;
           margin: .2em 0; }
.subtitle { font-size: 1.2em; margin: .2em 0; }
.byline { font-family: "Noto Sans CJK SC", sans-serif; margin: .5em 0 1em; }
h3.subhead { font-family: "Noto Sans CJK SC", sans-serif; font-size: 1.05em; margin: 1em 0 .3em; }
figure { margin: 1em 0; border-left: 3px solid #999; padding-left: .8em; }
figure .photo { height: 6em; background: #ddd; color: #777; text-align: center; line-height: 6em; }
figcaption { font-family: "Noto Sans CJK SC", sans-serif; font-size: .9em; }
.credit { display: block; text-align: right; font-size: .85em; }
.author { text-align: right; }
p.editor-note { font-family: "Noto Serif CJK SC", "STKaiti", "KaiTi", serif; font-style: italic;
                background: #f3f3ee; padding: 0 .5em; }
.attachments, .contacts { margin: .8em 0; }
p.attachment, p.contact { text-indent: 0; font-size: .95em; }
.dateline { font-family: "Noto Sans CJK SC", sans-serif; font-weight: bold; }
.num, .nobreak { white-space: nowrap; }
.dup { background: #fee; }
        </style>
      </head>
      <body><xsl:apply-templates select="q:document"/></body>
    </html>
  </xsl:template>

  <xsl:template match="q:document">
    <div class="document">
      <div class="source"><xsl:value-of select="@source"/> (<xsl:value-of select="@encoding"/>)</div>
      <xsl:apply-templates select="q:article"/>
    </div>
  </xsl:template>

  <xsl:template match="q:article"><article><xsl:apply-templates/></article></xsl:template>
  <xsl:template match="q:section"><div class="section"><xsl:apply-templates/></div></xsl:template>
  <xsl:template match="q:kicker"><div class="kicker"><xsl:apply-templates/></div></xsl:template>
  <xsl:template match="q:title"><h1 class="title"><xsl:apply-templates/></h1></xsl:template>
  <xsl:template match="q:subtitle"><div class="subtitle"><xsl:apply-templates/></div></xsl:template>
  <xsl:template match="q:byline"><div class="byline"><xsl:apply-templates/></div></xsl:template>
  <xsl:template match="q:subhead"><h3 class="subhead"><xsl:apply-templates/></h3></xsl:template>
  <xsl:template match="q:p">
    <p>
      <xsl:if test="@duplicate-of"><xsl:attribute name="class">dup</xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>
  <xsl:template match="q:editor-note"><p class="editor-note"><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="q:attachments"><div class="attachments"><xsl:apply-templates/></div></xsl:template>
  <xsl:template match="q:attachment"><p class="attachment"><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="q:contacts"><div class="contacts"><xsl:apply-templates/></div></xsl:template>
  <xsl:template match="q:contact"><p class="contact"><xsl:apply-templates/></p></xsl:template>
  <xsl:template match="q:author"><p class="author">（<xsl:apply-templates/>）</p></xsl:template>
  <xsl:template match="q:figure[@type = 'table']">
    <figure class="table"><figcaption><xsl:apply-templates/></figcaption></figure>
  </xsl:template>
  <xsl:template match="q:figure">
    <figure><div class="photo">图片</div><figcaption><xsl:apply-templates/></figcaption></figure>
  </xsl:template>
  <xsl:template match="q:caption"><xsl:apply-templates/></xsl:template>
  <xsl:template match="q:credit"><span class="credit"><xsl:apply-templates/></span></xsl:template>
  <xsl:template match="q:dateline"><span class="dateline"><xsl:apply-templates/></span></xsl:template>
  <xsl:template match="q:num"><span class="num"><xsl:apply-templates/></span></xsl:template>
  <xsl:template match="q:dash|q:ellipsis"><span class="nobreak"><xsl:apply-templates/></span></xsl:template>
</xsl:stylesheet>
