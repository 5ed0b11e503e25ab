# gen_numeral_phrases.cmake: turns dicts/numeral-phrases.txt into a C array initializer
# (one string literal per entry, comments and blank lines dropped), so the list is compiled
# into the binary and nothing is looked up at run time.
#   cmake -DIN=dicts/numeral-phrases.txt -DOUT=build/numeral_phrases.inc -P this-file
# Each byte is written as a \x escape: any UTF-8 text is safe in the literal, and a literal
# never ends inside an escape because every escape is followed by another or by the quote.
if(NOT IN OR NOT OUT)
  message(FATAL_ERROR "usage: cmake -DIN=numeral-phrases.txt -DOUT=numeral_phrases.inc -P gen_numeral_phrases.cmake")
endif()
file(STRINGS "${IN}" lines ENCODING UTF-8)
set(body "/* generated from dicts/numeral-phrases.txt by dicts/gen_numeral_phrases.cmake */\n")
set(count 0)
foreach(line IN LISTS lines)
  string(REGEX REPLACE "#.*" "" line "${line}")
  string(STRIP "${line}" line)
  if(line STREQUAL "")
    continue()
  endif()
  string(HEX "${line}" hex)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" esc "${hex}")
  # the comment shows the entry; nothing in it may end the comment or splice a line
  string(REGEX REPLACE "[*/\\?]" "_" shown "${line}")
  string(APPEND body "\"${esc}\", /* ${shown} */\n")
  math(EXPR count "${count} + 1")
endforeach()
if(count EQUAL 0)
  message(FATAL_ERROR "${IN}: no entries")
endif()
file(WRITE "${OUT}" "${body}")
