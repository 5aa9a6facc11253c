import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { INTAKE_OPTIONS, type IntakeOptions } from '@pls/intake-application';
import { parseCaseCode } from '@pls/intake-domain';
import { Public } from '@pls/shared-api';

/**
 * The page the receipt's QR code opens (一案一码). It is self-contained — no script or style from a
 * CDN, because government networks are often offline — and asks for the phone's last four digits
 * before it shows anything, through the public `publicProgress` query (and so under its limit on
 * wrong answers per case code).
 */
@Controller('progress')
export class ProgressPageController {
  constructor(@Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions) {}

  @Public()
  @Get(':code/qr.svg')
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  async qrCode(@Param('code') code: string): Promise<string> {
    return QRCode.toString(this.progressUrl(parseCaseCode(code).value), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }

  @Public()
  @Get(':code')
  @Header('content-type', 'text/html; charset=utf-8')
  page(@Param('code') code: string): string {
    const caseCode = parseCaseCode(code).value;
    return PAGE.replaceAll('{{CASE_CODE}}', caseCode);
  }

  private progressUrl(caseCode: string): string {
    return `${(this.options.publicBaseUrl ?? 'http://localhost:3000').replace(/\/$/, '')}/progress/${caseCode}`;
  }
}

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>办理进度 {{CASE_CODE}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}
input,button{font-size:1.1rem;padding:.4rem}li{margin:.4rem 0}.muted{color:#666}</style></head>
<body><h1>公共法律服务 · 办理进度</h1><p>案件编码（一案一码）：<strong>{{CASE_CODE}}</strong></p>
<form id="f"><label>请输入登记手机号后四位：<input id="d" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" required></label>
<button>查询</button></form><div id="r" aria-live="polite"></div>
<script>
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = document.getElementById('r');
  const query = 'query($c:String!,$d:String!){publicProgress(code:$c,phoneLast4:$d){matterType stage registeredAt completedAt steps{at text}}}';
  const res = await fetch('/graphql', {method:'POST', headers:{'content-type':'application/json'}, body: JSON.stringify({query, variables:{c:'{{CASE_CODE}}', d:document.getElementById('d').value}})});
  const body = await res.json();
  out.textContent = '';
  if (body.errors) { const locked = body.errors[0] && body.errors[0].extensions && body.errors[0].extensions.reason === 'TOO_MANY_ATTEMPTS'; out.textContent = locked ? '错误次数过多，本案件编码的查询已暂时锁定，请稍后再试或联系登记窗口。' : '未找到：请核对案件编码和手机号后四位。'; return; }
  const p = body.data.publicProgress;
  const h = document.createElement('h2'); h.textContent = p.matterType; out.appendChild(h);
  const ul = document.createElement('ul');
  for (const s of p.steps) { const li = document.createElement('li'); li.textContent = new Date(s.at).toLocaleString('zh-CN',{timeZone:'Asia/Shanghai'}) + ' · ' + s.text; ul.appendChild(li); }
  out.appendChild(ul);
});
</script><p class="muted">本页不显示任何个人信息。</p></body></html>`;
