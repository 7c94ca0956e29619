// Simplified Chinese for the package pages (数据包, docs/packages.md): asking for a package of a grant in
// 我的数据, following its build, downloading it and opening it offline.

export const packagesZhCN = {
  'nav.exchangePackages': '数据包',

  'packages.page.hint':
    '本单位申请的数据包，按申请时间倒序。数据包在“我的数据”中按授权申请（授权须包含数据包方式），由平台后台生成，按授权范围脱敏并加水印，用本单位的加密公钥封装后可下载 7 天。',
  'packages.page.toData': '前往我的数据',
  'packages.data.open': '数据包',
  'packages.data.packageOnly': '该授权不含接口方式，不能在控制台浏览，但可以申请数据包。',

  'packages.request.title': '申请数据包',
  'packages.request.hint':
    '数据包包含授权范围内的全部记录（受授权的行过滤条件限制），脱敏方式与接口查询相同。申请会以您的身份记录，生成完成后可在下方下载。',
  'packages.request.format': '格式',
  'packages.request.fields': '信息项（可选）',
  'packages.request.allFields': '未勾选时包含全部 {n} 个授权信息项。',
  'packages.request.someFields': '已选 {n} 个信息项。',
  'packages.request.files':
    '这是文件资源：数据包包含资源当前的全部文件（按目录保存的原样），不能选择格式或信息项。',
  'packages.request.submit': '申请',
  'packages.request.sending': '正在提交…',
  'packages.request.done': '已提交申请，数据包正在排队生成。',

  'packages.list.grantTitle': '该授权的数据包',
  'packages.col.resource': '资源',
  'packages.col.created': '申请时间',
  'packages.col.format': '格式',
  'packages.col.fields': '信息项',
  'packages.col.status': '状态',
  'packages.col.rows': '记录数',
  'packages.col.bytes': '大小',
  'packages.col.expires': '下载截止',
  'packages.status.queued': '排队中',
  'packages.status.building': '生成中',
  'packages.status.ready': '可下载',
  'packages.status.failed': '生成失败',
  'packages.format.csv': 'CSV',
  'packages.format.ndjson': 'NDJSON',
  'packages.format.files': '文件',
  'packages.download': '下载',
  'packages.downloading': '正在下载…',

  'packages.open.title': '如何打开数据包',
  'packages.open.hint':
    '下载的文件已用本单位的加密公钥封装并由平台签名，不能直接打开。请在本单位的离线环境中，用本单位的加密私钥和平台公钥执行：',
  'packages.open.command':
    'orderly package open <数据包编号>.pkg --key <本单位加密私钥.pem> --platform-keys platform-keys.json --out data.csv',
  'packages.open.keys':
    '命令先核对平台签名和数据摘要，全部通过后才写出数据；文件被篡改或截断时拒绝打开。platform-keys.json 即平台公钥列表，可在此保存。',
  'packages.open.saveKeys': '保存平台公钥（platform-keys.json）',
} as const;
