// Simplified Chinese for the leak-trace page (泄露溯源, docs/watermarks.md): upload a suspected leak, read the
// verdict.

export const traceZhCN = {
  'nav.exchangeTrace': '泄露溯源',

  'trace.hint':
    '上传在不应出现的地方发现的数据文件（CSV、NDJSON、JSON 或 XLSX；列名为信息项编码或名称，顺序、抽样、行序均不影响）。平台用每项授权的水印重新生成这些记录并逐行比对，能以足够把握认定时给出接收该数据的授权和单位，否则给出“未发现匹配”。文件仅在比对期间保存，每次溯源都记入审计日志。',
  'trace.upload.title': '上传疑似泄露的文件',
  'trace.upload.file': '文件',
  'trace.upload.formats': '支持 CSV、NDJSON、JSON、XLSX。',
  'trace.upload.chosen': '已选择 {name}（{size}）',
  'trace.upload.resource': '资源编号（可选）',
  'trace.upload.resourcePlaceholder': '留空则按列名自动识别',
  'trace.upload.resourceHint': '已知文件来自哪个资源时填写，可跳过自动识别。',
  'trace.upload.unsupported': '不支持该文件类型，请选择 CSV、NDJSON、JSON 或 XLSX 文件。',
  'trace.upload.required': '请选择文件。',
  'trace.upload.badResource': '资源编号格式不正确。',
  'trace.upload.submit': '开始溯源',
  'trace.upload.tracing': '正在比对…',

  'trace.verdict.match': '溯源结论：文件中的记录来自以下 {n} 项授权',
  'trace.verdict.noMatch': '溯源结论：未发现匹配',
  'trace.verdict.noMatchHint':
    '没有任何授权的水印能以足够把握（误判上限低于 {threshold}）解释该文件：文件可能未经平台交付、记录过少，或已被改动。',
  'trace.confidence':
    '误判上限：假如该授权并未收到这些记录，仅凭偶然也吻合这么多行的概率不超过此值；低于 {threshold} 才认定。',
  'trace.matchedOf': '{matched} / {fitting} 行',

  'trace.col.recipient': '接收单位',
  'trace.col.grant': '授权',
  'trace.col.status': '授权状态',
  'trace.col.matched': '吻合行数',
  'trace.col.expected': '偶然吻合的期望行数',
  'trace.col.bound': '误判上限',

  'trace.file.title': '文件解读',
  'trace.file.name': '文件',
  'trace.file.resource': '资源',
  'trace.file.rows': '记录',
  'trace.file.rowsText': '{format}，{rows} 行，去重后 {distinct} 行，其中 {fitting} 行与资源的记录相符',
  'trace.file.columns': '列与信息项',
  'trace.file.ignored': '未识别的列',
  'trace.file.sha256': '文件摘要（SHA-256）',
  'trace.file.evidence': '审计事件编号',

  'trace.candidates.title': '参与比对的授权',
  'trace.candidates.hint': '该资源上签发过的、包含这些信息项的全部授权，按吻合行数排序。',
} as const;
