package dev.lamgraph.engine.expr;

/** The rows of {@link FastPathTableTest}: outcome letter, then the expression. */
final class FastPathRows {
  private FastPathRows() {}

  static final String ROWS = """
      F state.count + 1
      F ['item-' + string(state.count + 1)]
      F state.count < input.n
      F 1
      F 1.5
      F 's'
      F true
      F null
      F -5
      F []
      F {}
      F state.count - 10
      F state.count * 3
      F state.count / 2
      F state.count % 3
      F -state.count
      F state.count / -2
      F -7 % 3
      F 7 % -3
      F state.big / -1
      F state.big - 1
      F state.neg + 1
      F string(state.neg)
      F state.ratio + 0.25
      F state.ratio - 1.0
      F state.ratio * 2.0
      F state.ratio / 0.0
      F -state.ratio
      F state.ratio / 3.0
      F state.negz * 1.0
      F -state.negz
      F state.negz + 0.0
      F state.nan * 0.0
      F state.name + '-x'
      F state.uni + state.empty
      F state.items + ['z']
      F state.items + []
      F [] + []
      F state.count < 5
      F state.count <= 5
      F state.count > 4
      F state.count >= 6
      F state.ratio < 1.0
      F state.ratio <= 0.5
      F state.ratio > 0.5
      F state.ratio >= 0.5
      F state.nan < 1.0
      F state.nan > 1.0
      F state.nan >= state.nan
      F state.negz < 0.0
      F state.negz <= 0.0
      F 'a' < 'b'
      F 'b' <= 'a'
      F 'abc' > 'ab'
      F '' >= ''
      F input.emoji < input.fff
      F input.emoji > input.fff
      F 'é' < 'z'
      F state.count == 5
      F state.count != 5
      F state.name == 'lam'
      F state.flag == true
      F state.ratio == 0.5
      B state.nan == state.nan
      B state.nan != state.nan
      F state.negz == 0.0
      F 0.0 == -0.0
      F state.negz != 0.0
      F state.maybe == null
      F null == null
      F input.nul == null
      F input.nul != null
      F input.n == 1000
      F input.s == 'abc'
      F input.b != false
      B input.nan == input.nan
      F true && false
      F state.flag || false
      F !state.flag
      F false && state.count / 0 == 1
      F true || state.count / 0 == 1
      F state.count > 3 ? 'big' : 'small'
      F state.flag ? state.count : 0
      F true ? 1 : 1 / 0
      F state.count > 3 && state.count < 10 || state.name == 'x'
      F state.obj.a
      F state.obj.b.c
      F state.obj.n
      F state.obj.l
      F state.obj
      F state.blob
      F has(state.obj.a)
      F has(state.obj.zz)
      F has(state.obj.n)
      F has(state.count)
      F has(state.absent)
      F has(state.maybe)
      F has(input.n)
      F has(input.zz)
      F has(input.m.b)
      F has(input.nul)
      F input.m.b.c
      F input.l
      F input.m
      F input.nul
      F state.maybe
      F item.id
      F item.tags[1]
      F result + '!'
      F state.items[0]
      F state.items[1]
      F state.nums[2]
      F input.l[1]
      F input.l[3]
      F input.l[4][0]
      F input.l[5].k
      F input.l[5]['k']
      F state.obj['a']
      F input.m['b']['c']
      F {'a': 1}['a']
      F [1, 2, 3][2]
      F [1, 'a', 2.5, true, null]
      F {'a': state.count, 'b': [state.name]}
      F {'x': {'y': input.m}}
      F [state.obj, state.items]
      F {'b': 1, 'a': 2}
      F size(state.items)
      F state.items.size()
      F size(state.uni)
      F state.uni.size()
      F size(state.obj)
      F state.obj.size()
      F size(state.empty)
      F size(input.emoji)
      F size(input.l)
      F size(input.m)
      F size('')
      F string(state.count)
      F string(state.name)
      F string(input.n)
      F string(input.s)
      F string(state.flag)
      F string(input.b)
      F int(state.count)
      F int(input.n)
      F input.n + 1
      F input.n - input.n
      F input.d + 1.0
      F input.d * input.d
      F input.s + input.s
      F input.l + [1]
      F input.n < input.n
      F input.s < 'b'
      F input.d >= 2.5
      F -input.n
      F -input.d
      F input.n / 7
      F input.n % 7
      F input.d / 0.0
      F string(true)
      F state.elist + state.blob
      F size(state.emap) == 0
      F string(input.d)
      F string(1.5)
      F string(1e20)
      F string(1e-7)
      F string(state.negz)
      F string(state.nan)
      F string(state.ratio / 0.0)
      F string(2.0 / 3.0)
      F double(state.count)
      F double(state.big)
      F double(state.neg)
      F double(input.n) * 1.5
      F double(input.d)
      F double(state.ratio) <= 0.5
      B double(input.s)
      B double(input.i)
      N double('1.5')
      F 1 in state.nums
      F 5 in state.nums
      F 'a' in input.m
      F 'zz' in input.m
      F 'item-0' in state.items
      F 'zz' in state.items
      F 1 in input.l
      F null in input.l
      F 'k' in input.l[5]
      F state.count in []
      F state.name in [null, 'lam']
      B 'two' in input.l
      B 1 in input.m
      B input.nan in [input.nan]
      B state.obj in [state.obj]
      B state.big + 1
      B state.neg - 1
      B state.big * 2
      B -state.neg
      B state.neg / -1
      B state.neg % -1
      B state.count / 0
      B state.count % 0
      B input.n / input.zero
      B input.big + input.n
      B state.items[5]
      B state.items[-1]
      B state.obj.zz
      B input.zz
      B input.m.zz
      B state.absent
      B state.absent + 1
      B state.maybe + 'x'
      B state.odd + 1
      B state.intish + 1
      B state.intish
      B input.i + 1
      B input.i
      B input.d + 1
      B input.s + 1
      B input.n + 1.0
      B input.n < input.d
      B input.n == input.d
      F input.nul == 1
      F state.count == null
      F state.name != null
      F null == input.n
      F input.d == null
      F state.negz != null
      F input.nul != 'x'
      B state.blob == null
      B input.l != null
      B input.n == 'x'
      B input.l == [1]
      B state.obj == {}
      B [1] == [1]
      B input.nul.x
      B has(input.s.x)
      B input.s[0]
      B input.l[1.0]
      B input.m[1]
      B {'a': 1, 'a': 2}
      B {1: 'a'}
      B input.nul ? 1 : 2
      B input.n && true
      B input.n || false
      B !input.n
      B state.count / 0 == 1 && false
      B state.count / 0 == 1 || true
      B int(input.s)
      B int(input.d)
      B size(input.n)
      B string(input.nul)
      B input.zz ? 1 : 2
      B input.l[6]
      B item.zz
      B input.l[5].zz
      N state.items.map(x, x + 'a')
      N state.nums.filter(x, x > 1)
      N state.nums.all(x, x > 0)
      N state.items.exists(x, x == 'item-0')
      N 1u + 2u
      N b'abc'
      N timestamp('2020-01-01T00:00:00Z')
      N duration('1s')
      N type(1)
      N state.name.contains('a')
      N state.name.startsWith('l')
      N state.name.matches('l.*')
      N dyn(1)
      N math.greatest(1, 2)
      N state.name.upperAscii()
      N int('5')
      N uint(1)
      N [state.count].map(x, x + 1)[0] + 1
      """;
}
