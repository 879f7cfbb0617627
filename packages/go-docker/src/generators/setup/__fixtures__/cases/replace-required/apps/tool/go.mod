module example.com/apps/tool

go 1.26

require example.com/libs/plugin v0.0.0

replace example.com/libs/plugin => ../../libs/plugin
