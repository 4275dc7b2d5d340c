/**
 * Frozen copy of the 2023 action plan (actions, tasks, units, indicators) and the government units as migration 1764300400000 loaded it (taken from plan/data/plan-2023.ts, plan/data/indicators-2023.ts, reference/data/government-units.ts).
 * Never edit: a database that already ran the migration keeps these rows; a later change of the
 * data is a new migration. (Migrations import only typeorm and this folder: eslint.config.mjs.)
 */
export const PLAN_ACTIONS = [
  {
    "number": 1,
    "title": "绿色金融体系培育行动"
  },
  {
    "number": 2,
    "title": "绿色金融服务提质行动"
  },
  {
    "number": 3,
    "title": "绿色产融结合升级行动"
  },
  {
    "number": 4,
    "title": "绿色金融支持“红树林之城”建设行动"
  },
  {
    "number": 5,
    "title": "绿色资本市场赋能行动"
  },
  {
    "number": 6,
    "title": "绿色金融环境优化行动"
  }
] as const;

export const PLAN_TASKS: readonly { number: number; action: number; title: string; keyWorks: readonly { text: string; workItems2023: readonly string[] }[]; units: readonly { unitCode: string; role: string; nameInSeed: string }[] }[] = [
  {
    "number": 1,
    "action": 1,
    "title": "完善绿色金融组织体系",
    "keyWorks": [
      {
        "text": "鼓励有条件的银行机构设立绿色金融专营机构、特色支行、绿色金融事业部，开设绿色金融服务窗口，配备绿色金融服务团队。",
        "workItems2023": [
          "支持交通银行湛江分行建设“零碳网点”；推动法人农商行环境信息披露工作全覆盖；推动5家以上银行机构组建绿色金融服务团队，提升绿色金融服务能力。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "joint"
      },
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "joint"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "joint"
      }
    ]
  },
  {
    "number": 2,
    "action": 1,
    "title": "加大绿色金融资源投入",
    "keyWorks": [
      {
        "text": "力争到2025年，绿色信贷占全部贷款余额的比重达到10％左右；到2030年，绿色信贷占全部贷款余额的比重达到15%左右。",
        "workItems2023": [
          "力争到2023年末，绿色信贷占全部贷款余额的比重达到10％。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "joint"
      },
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "joint"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "joint"
      }
    ]
  },
  {
    "number": 3,
    "action": 2,
    "title": "常态化绿色融资对接",
    "keyWorks": [
      {
        "text": "各县（市、区）和行业、产业园区主管部门梳理绿色低碳企业、项目融资需求及相关信息，建立绿色企业和绿色项目库。",
        "workItems2023": [
          "梳理绿色低碳企业、项目融资需求及相关信息，建立绿色企业和绿色项目库。"
        ]
      },
      {
        "text": "金融主管部门组织开展绿色金融知识宣传、绿色金融产品推介、绿色产融对接会。",
        "workItems2023": [
          "组织开展绿色金融知识宣讲、产品推介、融资对接等活动不少于3次。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "joint"
      },
      {
        "unitCode": "ecology-environment",
        "nameInSeed": "市生态环境局",
        "role": "joint"
      },
      {
        "unitCode": "development-reform",
        "nameInSeed": "市发展改革局",
        "role": "joint"
      },
      {
        "unitCode": "industry-information",
        "nameInSeed": "市工业和信息化局",
        "role": "joint"
      },
      {
        "unitCode": "transport",
        "nameInSeed": "市交通运输局",
        "role": "joint"
      },
      {
        "unitCode": "housing-construction",
        "nameInSeed": "市住房城乡建设局",
        "role": "joint"
      },
      {
        "unitCode": "agriculture-rural",
        "nameInSeed": "市农业农村局",
        "role": "joint"
      },
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "joint"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "joint"
      },
      {
        "unitCode": "county-governments",
        "nameInSeed": "各县（市、区）政府（管委会）",
        "role": "joint"
      }
    ]
  },
  {
    "number": 4,
    "action": 2,
    "title": "创新绿色信贷产品服务",
    "keyWorks": [
      {
        "text": "鼓励银行机构研发适合节能减排、资源综合利用的能源效率贷款、节能减排专项贷款等绿色信贷产品。",
        "workItems2023": [
          "推动辖内银行机构创新可再生能源补贴确权贷款、蓝色债券、乡村振兴票据等特色绿色低碳信贷产品。"
        ]
      },
      {
        "text": "鼓励发展绿色供应链金融，推进绿色核心企业与中征应收账款融资服务平台开展系统对接。",
        "workItems2023": [
          "发挥国联水产、晨鸣浆纸等绿色核心企业作用，依托中征应收账款融资服务平台为供应链上游企业提供应收账款融资服务。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "lead"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "lead"
      },
      {
        "unitCode": "ecology-environment",
        "nameInSeed": "市生态环境局",
        "role": "cooperating"
      },
      {
        "unitCode": "development-reform",
        "nameInSeed": "市发展改革局",
        "role": "cooperating"
      },
      {
        "unitCode": "industry-information",
        "nameInSeed": "市工业和信息化局",
        "role": "cooperating"
      },
      {
        "unitCode": "agriculture-rural",
        "nameInSeed": "市农业农村局",
        "role": "cooperating"
      },
      {
        "unitCode": "housing-construction",
        "nameInSeed": "市住房城乡建设局",
        "role": "cooperating"
      },
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 5,
    "action": 2,
    "title": "加快发展绿色保险业务",
    "keyWorks": [
      {
        "text": "支持保险机构开发新能源汽车、生态农业、节能环保等领域的绿色保险产品。大力发展面向绿色企业的产品质量责任保险、贷款保证保险等业务。",
        "workItems2023": [
          "推动辖内保险机构创新“碳汇+保险”模式，开发红树林蓝色碳汇综合价值保险、红树林遥感碳汇指数等绿色保险产品。"
        ]
      },
      {
        "text": "争取2025年前，实现全市高风险领域环境污染强制责任险全覆盖。",
        "workItems2023": [
          "争取2023年全市高风险领域环境污染强制责任险参保覆盖面达到30%以上。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "lead"
      },
      {
        "unitCode": "ecology-environment",
        "nameInSeed": "市生态环境局",
        "role": "cooperating"
      },
      {
        "unitCode": "industry-information",
        "nameInSeed": "市工业和信息化局",
        "role": "cooperating"
      },
      {
        "unitCode": "transport",
        "nameInSeed": "市交通运输局",
        "role": "cooperating"
      },
      {
        "unitCode": "housing-construction",
        "nameInSeed": "市住房城乡建设局",
        "role": "cooperating"
      },
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "cooperating"
      },
      {
        "unitCode": "county-governments",
        "nameInSeed": "各县（市、区）政府（管委会）",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 6,
    "action": 2,
    "title": "拓宽绿色低碳融资渠道",
    "keyWorks": [
      {
        "text": "支持银行机构加强与外部投资机构、政府绿色投资基金合作，开展投贷联动融资服务模式创新。",
        "workItems2023": [
          "推动与广东省预制菜产业投资基金联合设立首期规模3亿元的湛江预制菜产业基金，吸引各类社会资本与银行机构合作，以投贷联动的方式投向我市预制菜绿色食品企业。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "lead"
      },
      {
        "unitCode": "development-reform",
        "nameInSeed": "市发展改革局",
        "role": "cooperating"
      },
      {
        "unitCode": "public-finance",
        "nameInSeed": "市财政局",
        "role": "cooperating"
      },
      {
        "unitCode": "industry-information",
        "nameInSeed": "市工业和信息化局",
        "role": "cooperating"
      },
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "cooperating"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 7,
    "action": 2,
    "title": "推动绿色金融数字化转型",
    "keyWorks": [
      {
        "text": "依托省中小企业融资平台、省中小微企业信用信息和融资对接平台等企业融资服务平台，协助解决绿色项目识别和金融服务的有效衔接。",
        "workItems2023": [
          "引导绿色中小企业注册“中小融”平台进行融资；推动金融机构在“中小融”平台展示绿色金融产品。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "lead"
      },
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "lead"
      },
      {
        "unitCode": "ecology-environment",
        "nameInSeed": "市生态环境局",
        "role": "cooperating"
      },
      {
        "unitCode": "development-reform",
        "nameInSeed": "市发展改革局",
        "role": "cooperating"
      },
      {
        "unitCode": "industry-information",
        "nameInSeed": "市工业和信息化局",
        "role": "cooperating"
      },
      {
        "unitCode": "transport",
        "nameInSeed": "市交通运输局",
        "role": "cooperating"
      },
      {
        "unitCode": "housing-construction",
        "nameInSeed": "市住房城乡建设局",
        "role": "cooperating"
      },
      {
        "unitCode": "government-data",
        "nameInSeed": "市政务服务数据管理局",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 8,
    "action": 3,
    "title": "支持产业发展高端化",
    "keyWorks": [
      {
        "text": "加大对绿色钢铁、绿色石化、高端造纸、绿色能源等战略性支柱产业的金融支持。扩大制造业中长期贷款、信用贷款规模，重点支持新能源汽车、装备制造、现代医药、电子信息等战略性新兴产业。加大对家电制造、家具建材、农海产品加工、羽绒制鞋等优势传统产业在设备更新、技术改造、绿色转型发展等方面的中长期资金支持。",
        "workItems2023": [
          "加大对先进制造业金融支持力度，推动制造业中长期贷款和先进制造业贷款保持增长；用好科技创新再贷款、交通物流专项再贷款、设备更新改造专项再贷款等结构性货币政策工具，支持传统优势产业转型升级。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "lead"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "lead"
      },
      {
        "unitCode": "industry-information",
        "nameInSeed": "市工业和信息化局",
        "role": "cooperating"
      },
      {
        "unitCode": "science-technology",
        "nameInSeed": "市科学技术局",
        "role": "cooperating"
      },
      {
        "unitCode": "agriculture-rural",
        "nameInSeed": "市农业农村局",
        "role": "cooperating"
      },
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 9,
    "action": 3,
    "title": "支持能源利用高效化",
    "keyWorks": [
      {
        "text": "鼓励符合条件的园区和县（市、区）探索开展企业碳账户试点。",
        "workItems2023": [
          "开展湛江辖区企业碳账户试点的研究。"
        ]
      },
      {
        "text": "支持“高耗能，高排放”企业积极申报国家煤炭清洁高效利用专项再贷款和碳减排支持工具。",
        "workItems2023": [
          "对符合条件的碳减排和煤炭清洁高效利用贷款本金分别提供60%、100%的再贷款支持。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "lead"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "lead"
      },
      {
        "unitCode": "development-reform",
        "nameInSeed": "市发展改革局",
        "role": "cooperating"
      },
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 10,
    "action": 3,
    "title": "支持交通运输低碳化",
    "keyWorks": [
      {
        "text": "引导金融机构加大对公路、铁路、轨道交通、机场、港口等重大基础设施支持力度。",
        "workItems2023": [
          "梳理重大基础设施项目融资需求清单，推送金融机构做好融资对接。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "lead"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "lead"
      },
      {
        "unitCode": "transport",
        "nameInSeed": "市交通运输局",
        "role": "cooperating"
      },
      {
        "unitCode": "development-reform",
        "nameInSeed": "市发展改革局",
        "role": "cooperating"
      },
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 11,
    "action": 3,
    "title": "支持城乡建设节能化",
    "keyWorks": [
      {
        "text": "鼓励银行机构加大绿色建筑领域信贷投放。支持保险机构为符合要求的绿色建筑项目提供绿色建筑综合保险服务。",
        "workItems2023": [
          "梳理建立绿色建筑高星级（二星及以上）工程项目库，推送至金融机构对接服务。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "lead"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "lead"
      },
      {
        "unitCode": "housing-construction",
        "nameInSeed": "市住房城乡建设局",
        "role": "cooperating"
      },
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 12,
    "action": 4,
    "title": "加大红树林保护修复信贷支持",
    "keyWorks": [
      {
        "text": "鼓励银行机构积极开发适合的信贷产品，支持红树林保护修复的融资需求。",
        "workItems2023": [
          "鼓励金融机构探索创新生态修复贷、生态保护贷等特色产品，支持红树林保护修复的融资需求。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "lead"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "lead"
      },
      {
        "unitCode": "natural-resources",
        "nameInSeed": "市自然资源局",
        "role": "cooperating"
      },
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "cooperating"
      },
      {
        "unitCode": "mangrove-reserve",
        "nameInSeed": "广东湛江红树林国家级自然保护区管理局",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 13,
    "action": 4,
    "title": "强化红树林生态产业金融支持",
    "keyWorks": [
      {
        "text": "探索红树林生态旅游产业融合新模式。",
        "workItems2023": [
          "做好湛江市雷州西海岸滨海旅游区配套基础设施建设项目（一期）、湛江经开区东海岛及硇洲岛全域旅游配套交通基础设施工程、湛江市红树林保护区全域乡村生态旅游镇基础设施建设项目的融资及债券申请等相关工作。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "lead"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "lead"
      },
      {
        "unitCode": "agriculture-rural",
        "nameInSeed": "市农业农村局",
        "role": "cooperating"
      },
      {
        "unitCode": "culture-tourism",
        "nameInSeed": "市文化广电旅游体育局",
        "role": "cooperating"
      },
      {
        "unitCode": "natural-resources",
        "nameInSeed": "市自然资源局",
        "role": "cooperating"
      },
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "cooperating"
      },
      {
        "unitCode": "mangrove-reserve",
        "nameInSeed": "广东湛江红树林国家级自然保护区管理局",
        "role": "cooperating"
      },
      {
        "unitCode": "county-governments",
        "nameInSeed": "各县（市、区）政府（管委会）",
        "role": "cooperating"
      },
      {
        "unitCode": "tourism-holding",
        "nameInSeed": "市旅控集团",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 14,
    "action": 4,
    "title": "推动碳汇开发和交易",
    "keyWorks": [
      {
        "text": "引导金融机构为碳汇项目提供全链条投融资服务。",
        "workItems2023": [
          "引导金融机构针对碳汇生产、收储、交易等环节，开展绿色金融产品服务创新。"
        ]
      },
      {
        "text": "鼓励保险机构开发碳汇保险。",
        "workItems2023": [
          "推动辖内保险机构创新红树林蓝色碳汇综合价值保险、红树林遥感碳汇指数保险等业务。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "lead"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "lead"
      },
      {
        "unitCode": "ecology-environment",
        "nameInSeed": "市生态环境局",
        "role": "cooperating"
      },
      {
        "unitCode": "natural-resources",
        "nameInSeed": "市自然资源局",
        "role": "cooperating"
      },
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "cooperating"
      },
      {
        "unitCode": "mangrove-reserve",
        "nameInSeed": "广东湛江红树林国家级自然保护区管理局",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 15,
    "action": 5,
    "title": "支持绿色企业上市挂牌",
    "keyWorks": [
      {
        "text": "对绿色上市后备企业开展分类指导、精准培育、投融资对接，支持符合条件的绿色企业加快上市挂牌融资。",
        "workItems2023": [
          "推动广东东岛新能源股份有限公司上市辅导备案，协调帮助开具上市证明材料。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "lead"
      },
      {
        "unitCode": "ecology-environment",
        "nameInSeed": "市生态环境局",
        "role": "cooperating"
      },
      {
        "unitCode": "industry-information",
        "nameInSeed": "市工业和信息化局",
        "role": "cooperating"
      },
      {
        "unitCode": "science-technology",
        "nameInSeed": "市科学技术局",
        "role": "cooperating"
      },
      {
        "unitCode": "agriculture-rural",
        "nameInSeed": "市农业农村局",
        "role": "cooperating"
      },
      {
        "unitCode": "county-governments",
        "nameInSeed": "各县（市、区）政府（管委会）",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 16,
    "action": 5,
    "title": "加快发展绿色债券融资",
    "keyWorks": [
      {
        "text": "鼓励符合条件的绿色领域建设项目申报地方政府新增专项债券需求。",
        "workItems2023": [
          "支持县（市、区）积极储备及谋划本地绿色领域建设项目，申报2023年地方政府专项债。指导督促获得额度的项目单位按时完成调度任务，年末支付率达90%以上。"
        ]
      },
      {
        "text": "支持符合条件的金融机构和企业发行绿色债券。",
        "workItems2023": [
          "支持符合条件的金融机构和企业发行绿色金融债券、绿色企业债券、绿色公司债券、绿色债务融资工具和绿色资产支持证券等绿色债券。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "development-reform",
        "nameInSeed": "市发展改革局",
        "role": "joint"
      },
      {
        "unitCode": "public-finance",
        "nameInSeed": "市财政局",
        "role": "joint"
      },
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "joint"
      },
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "joint"
      },
      {
        "unitCode": "county-governments",
        "nameInSeed": "各县（市、区）政府（管委会）",
        "role": "joint"
      }
    ]
  },
  {
    "number": 17,
    "action": 6,
    "title": "加强绿色金融风险防控",
    "keyWorks": [
      {
        "text": "推动银行机构对绿色信贷项目定期开展监测和评估，合理控制绿色低碳企业和项目的融资杠杆率。",
        "workItems2023": [
          "指导金融机构加强对绿色金融产品资金的后续管理，监督产品资金按约定用途使用，避免出现项目“洗绿”风险，发现存在资金违规挪用情况的，及时采取必要的内部风险控制措施。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "lead"
      },
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "cooperating"
      },
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "cooperating"
      }
    ]
  },
  {
    "number": 18,
    "action": 6,
    "title": "深化绿色金融交流合作",
    "keyWorks": [
      {
        "text": "积极对接粤港澳大湾区绿色金融资源，深化与广州绿色金融交流合作。组织开展绿色金融交流活动。",
        "workItems2023": [
          "利用湛江市金融产业促进会、湛江市金融学会等社会组织平台，组织开展绿色金融交流活动。"
        ]
      }
    ],
    "units": [
      {
        "unitCode": "finance-bureau",
        "nameInSeed": "市金融工作局",
        "role": "joint"
      },
      {
        "unitCode": "pbc-zhanjiang",
        "nameInSeed": "人民银行湛江市中心支行",
        "role": "joint"
      },
      {
        "unitCode": "nfra-zhanjiang",
        "nameInSeed": "湛江银保监分局",
        "role": "joint"
      }
    ]
  }
];

export const PLAN_INDICATOR_SEED: readonly { code: string; task: number; name: string; unit: string; source: string; computation?: string; description?: string; targets: readonly { comparison: string; value: string; deadline: string; note?: string }[] }[] = [
  {
    "code": "green-loan-ratio",
    "task": 2,
    "name": "绿色信贷占全部贷款余额比重",
    "unit": "%",
    "source": "COMPUTED",
    "computation": "GREEN_LOAN_RATIO",
    "description": "各银行机构按月报送绿色贷款余额和各项贷款余额，全市占比 = Σ绿色贷款余额 ÷ Σ各项贷款余额",
    "targets": [
      {
        "comparison": "AT_LEAST",
        "value": "10.00",
        "deadline": "2023-12-31",
        "note": "力争到2023年末达到10%"
      },
      {
        "comparison": "ABOUT",
        "value": "10.00",
        "deadline": "2025-12-31",
        "note": "到2025年达到10%左右"
      },
      {
        "comparison": "ABOUT",
        "value": "15.00",
        "deadline": "2030-12-31",
        "note": "到2030年达到15%左右"
      }
    ]
  },
  {
    "code": "events-held",
    "task": 3,
    "name": "绿色金融知识宣讲、产品推介、融资对接活动",
    "unit": "次",
    "source": "COMPUTED",
    "computation": "EVENTS_HELD",
    "description": "当年已举办的活动次数，按宣讲、推介、对接会分类",
    "targets": [
      {
        "comparison": "AT_LEAST",
        "value": "3.00",
        "deadline": "2023-12-31",
        "note": "2023年不少于3次"
      }
    ]
  },
  {
    "code": "library-projects",
    "task": 3,
    "name": "绿色项目库入库项目",
    "unit": "个",
    "source": "COMPUTED",
    "computation": "LIBRARY_PROJECTS",
    "targets": []
  },
  {
    "code": "library-enterprises",
    "task": 3,
    "name": "绿色企业库企业",
    "unit": "家",
    "source": "COMPUTED",
    "computation": "LIBRARY_ENTERPRISES",
    "targets": []
  },
  {
    "code": "financing-disbursed",
    "task": 3,
    "name": "经平台对接实现融资（放款）金额",
    "unit": "万元",
    "source": "COMPUTED",
    "computation": "FINANCING_DISBURSED",
    "targets": []
  },
  {
    "code": "banks-green-team",
    "task": 1,
    "name": "组建绿色金融服务团队的银行机构",
    "unit": "家",
    "source": "COMPUTED",
    "computation": "BANKS_WITH_GREEN_TEAM",
    "targets": [
      {
        "comparison": "AT_LEAST",
        "value": "5.00",
        "deadline": "2023-12-31",
        "note": "推动5家以上银行机构组建绿色金融服务团队"
      }
    ]
  },
  {
    "code": "rural-banks-disclosure",
    "task": 1,
    "name": "法人农商行环境信息披露覆盖率",
    "unit": "%",
    "source": "COMPUTED",
    "computation": "RURAL_BANKS_DISCLOSING",
    "targets": [
      {
        "comparison": "AT_LEAST",
        "value": "100.00",
        "deadline": "2023-12-31",
        "note": "推动法人农商行环境信息披露工作全覆盖"
      }
    ]
  },
  {
    "code": "pollution-insurance-coverage",
    "task": 5,
    "name": "高风险领域环境污染强制责任险参保覆盖面",
    "unit": "%",
    "source": "REPORTED",
    "targets": [
      {
        "comparison": "AT_LEAST",
        "value": "30.00",
        "deadline": "2023-12-31",
        "note": "2023年达到30%以上"
      },
      {
        "comparison": "AT_LEAST",
        "value": "100.00",
        "deadline": "2025-12-31",
        "note": "2025年前全覆盖"
      }
    ]
  },
  {
    "code": "prepared-food-fund",
    "task": 6,
    "name": "湛江预制菜产业基金首期规模",
    "unit": "万元",
    "source": "REPORTED",
    "targets": [
      {
        "comparison": "AT_LEAST",
        "value": "30000.00",
        "deadline": "2023-12-31",
        "note": "首期规模3亿元"
      }
    ]
  },
  {
    "code": "relending-carbon-reduction",
    "task": 9,
    "name": "碳减排贷款再贷款支持比例",
    "unit": "%",
    "source": "REPORTED",
    "targets": [
      {
        "comparison": "AT_LEAST",
        "value": "60.00",
        "deadline": "2023-12-31",
        "note": "对符合条件的碳减排贷款本金提供60%的再贷款支持"
      }
    ]
  },
  {
    "code": "relending-clean-coal",
    "task": 9,
    "name": "煤炭清洁高效利用贷款再贷款支持比例",
    "unit": "%",
    "source": "REPORTED",
    "targets": [
      {
        "comparison": "AT_LEAST",
        "value": "100.00",
        "deadline": "2023-12-31",
        "note": "对符合条件的煤炭清洁高效利用贷款本金提供100%的再贷款支持"
      }
    ]
  },
  {
    "code": "special-bond-payout",
    "task": 16,
    "name": "地方政府专项债券支付率",
    "unit": "%",
    "source": "REPORTED",
    "targets": [
      {
        "comparison": "AT_LEAST",
        "value": "90.00",
        "deadline": "2023-12-31",
        "note": "年末支付率达90%以上"
      }
    ]
  }
];

export const GOVERNMENT_UNITS: readonly { name: string; code: string; formerNames: readonly string[] }[] = [
  {
    "name": "市金融工作局",
    "code": "finance-bureau",
    "formerNames": []
  },
  {
    "name": "中国人民银行湛江市分行",
    "code": "pbc-zhanjiang",
    "formerNames": [
      "人民银行湛江市中心支行"
    ]
  },
  {
    "name": "国家金融监督管理总局湛江监管分局",
    "code": "nfra-zhanjiang",
    "formerNames": [
      "湛江银保监分局"
    ]
  },
  {
    "name": "市生态环境局",
    "code": "ecology-environment",
    "formerNames": []
  },
  {
    "name": "市发展改革局",
    "code": "development-reform",
    "formerNames": []
  },
  {
    "name": "市工业和信息化局",
    "code": "industry-information",
    "formerNames": []
  },
  {
    "name": "市交通运输局",
    "code": "transport",
    "formerNames": []
  },
  {
    "name": "市住房城乡建设局",
    "code": "housing-construction",
    "formerNames": []
  },
  {
    "name": "市农业农村局",
    "code": "agriculture-rural",
    "formerNames": []
  },
  {
    "name": "市自然资源局",
    "code": "natural-resources",
    "formerNames": []
  },
  {
    "name": "市财政局",
    "code": "public-finance",
    "formerNames": []
  },
  {
    "name": "市科学技术局",
    "code": "science-technology",
    "formerNames": []
  },
  {
    "name": "市政务服务数据管理局",
    "code": "government-data",
    "formerNames": []
  },
  {
    "name": "市文化广电旅游体育局",
    "code": "culture-tourism",
    "formerNames": []
  },
  {
    "name": "广东湛江红树林国家级自然保护区管理局",
    "code": "mangrove-reserve",
    "formerNames": []
  },
  {
    "name": "市旅控集团",
    "code": "tourism-holding",
    "formerNames": []
  },
  {
    "name": "各县（市、区）政府（管委会）",
    "code": "county-governments",
    "formerNames": []
  }
];
